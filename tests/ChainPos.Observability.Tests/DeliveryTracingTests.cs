using System.Diagnostics;
using ChainPos.Api.V1;
using ChainPos.Grains.Hosting;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using static ChainPos.Observability.Tests.Chain;

namespace ChainPos.Observability.Tests;

/// <summary>
/// A sale's effects are delivered after its answer, in a trace of their own: the delivery span (source ChainPos) with
/// the grain calls it makes under it. Grain calls only join a trace that is sampled (<see cref="SampledCallTracing"/>).
/// </summary>
[Collection(ObservabilityCollection.Name)] // Never beside the shared app: both apps' meters have the same names.
public sealed class DeliveryTracingTests
{
    [Fact]
    public async Task CompleteSale_EveryTraceSampled_DeliveryIsItsOwnTraceWithTheStockCallsUnderIt()
    {
        const string store = "OBS-DELIVERY";
        var spans = new ExportedCollection<Activity>();
        await using var app = TestApp.Build(spans, logs: null, new() { ["ChainPos:Telemetry:TraceSampleRatio"] = "1" });
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress(ChainPosApp.GrpcAddress(app));
        var admin = new Api(channel, AdminSecret);
        await OpenStoreAsync(admin, store);
        await admin.Checkout.CompleteSaleAsync(Sale(store, "delivery-1", [Line("PEN", 2)], [Cash(300)]));

        // Activity listeners are process-wide: spans of the collection's shared app can reach this exporter too, so every
        // lookup names this test's register.
        var delivery = await Eventually.UntilAsync(
            () => Task.FromResult(spans.Snapshot().FirstOrDefault(s =>
                s.DisplayName == ChainPosTracing.DeliverEffects && (string?)s.GetTagItem("chainpos.register") == $"{store}/R1")),
            span => span is not null);
        Assert.NotNull(delivery);
        Assert.Equal((ChainPosTracing.SourceName, default), (delivery.Source.Name, delivery.ParentSpanId));
        var sale = Assert.Single(spans.Snapshot(), s => s.DisplayName == "IRegisterGrain/CompleteSaleAsync" && s.Kind == ActivityKind.Server
            && ((string?)s.GetTagItem("orleans.rpc.target_id"))?.EndsWith($"{store}/R1", StringComparison.Ordinal) == true);
        Assert.NotEqual(sale.TraceId, delivery.TraceId);

        // The stock delta of the sale: a client span under the delivery, the stock grain's server span under that.
        var trace = await Eventually.UntilAsync(
            () => Task.FromResult(spans.Snapshot().Where(s => s.TraceId == delivery.TraceId).ToList()),
            list => list.Any(s => s.DisplayName == "ISkuStockGrain/ApplyDeltasAsync" && s.Kind == ActivityKind.Server));
        var call = Assert.Single(trace, s => s.DisplayName == "ISkuStockGrain/ApplyDeltasAsync" && s.Kind == ActivityKind.Client);
        var stock = Assert.Single(trace, s => s.DisplayName == "ISkuStockGrain/ApplyDeltasAsync" && s.Kind == ActivityKind.Server);
        Assert.Equal((delivery.SpanId, call.SpanId), (call.ParentSpanId, stock.ParentSpanId));
        Assert.Equal((SampledCallTracing.SourceName, "orleans"), (stock.Source.Name, stock.GetTagItem("rpc.system.name")));
        await app.StopAsync();
    }
}
