using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using static ChainPos.Observability.Tests.Chain;

namespace ChainPos.Observability.Tests;

/// <summary>
/// OTLP export as configured by <c>ChainPos:Telemetry:OtlpEndpoint</c>: a real node sends its traces, metrics and logs
/// over OTLP/HTTP (protobuf) to a receiver started here on loopback, the way a collector would get them.
/// </summary>
[Collection(ObservabilityCollection.Name)] // Its sale, traced at ratio 1, must not overlap the tracing tests' listeners.
public sealed class OtlpExportTests
{
    private const string StoreId = "OBS-OTLP";

    [Fact]
    public async Task Node_ExportsTracesMetricsAndLogs_ToTheConfiguredOtlpEndpoint()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = TestApp.Build(new ExportedCollection<Activity>(), null, new()
        {
            ["ChainPos:Telemetry:OtlpEndpoint"] = receiver.Address.ToString(),
            ["ChainPos:Telemetry:OtlpProtocol"] = "HttpProtobuf",
            ["ChainPos:Telemetry:TraceSampleRatio"] = "1",
            // Export within a second instead of the defaults (metrics every 60 s, spans every 5 s).
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress(ChainPosApp.GrpcAddress(app));
        var admin = new Api(channel, AdminSecret);
        await OpenStoreAsync(admin, StoreId);
        var receipt = await admin.Checkout.CompleteSaleAsync(Sale(StoreId, "otlp-1", [Line("PEN", 2)], [Cash(300)]));
        Assert.Equal(300L, receipt.Total);

        // The sale's counter, its gRPC server span and a log record, each on its own OTLP path.
        var metrics = await Eventually.UntilAsync(() => Task.FromResult(receiver.Received("/v1/metrics")), b => b.Contains("chainpos.sales", StringComparison.Ordinal));
        var traces = await Eventually.UntilAsync(() => Task.FromResult(receiver.Received("/v1/traces")), b => b.Contains("CompleteSale", StringComparison.Ordinal));
        var logs = await Eventually.UntilAsync(() => Task.FromResult(receiver.Received("/v1/logs")), b => b.Length > 0);
        Assert.Contains(StoreId, metrics, StringComparison.Ordinal);
        Assert.Contains("chainpos.v1.CheckoutService", traces, StringComparison.Ordinal);
        Assert.NotEmpty(logs);
        await app.StopAsync();
    }

    /// <summary>Accepts OTLP/HTTP posts and keeps their bodies per path (protobuf; names and attribute values are UTF-8 inside).</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _bodies = new(StringComparer.Ordinal);
        private WebApplication _app = null!;

        public Uri Address { get; private set; } = null!;

        public static async Task<OtlpReceiver> StartAsync()
        {
            var receiver = new OtlpReceiver();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
            var app = builder.Build();
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                receiver._bodies.GetOrAdd(context.Request.Path.Value!, _ => new()).Enqueue(Encoding.UTF8.GetString(body.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await app.StartAsync();
            receiver._app = app;
            receiver.Address = new Uri(app.Urls.First());
            return receiver;
        }

        /// <summary>Everything posted to <paramref name="path"/> so far, joined.</summary>
        public string Received(string path) => _bodies.TryGetValue(path, out var bodies) ? string.Concat(bodies) : "";

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
