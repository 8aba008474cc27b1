using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChainPos.Connector.Tests;

/// <summary>The web shop's stock webhook: a real HTTP server on loopback that records every push it accepts (checking the signature) and can refuse some.</summary>
internal sealed class StockReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _refuse;

    private StockReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Accepted pushes, in arrival order.</summary>
    public ConcurrentQueue<JsonElement> Received { get; } = new();

    /// <summary>Requests answered 500 on purpose, and requests with a wrong signature (answered 401).</summary>
    public int Refused;
    public int BadSignatures;

    public static async Task<StockReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new StockReceiver(app);
        app.MapPost("/stock", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/stock");
        return receiver;
    }

    /// <summary>Answers the next <paramref name="count"/> pushes with 500.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

    /// <summary>The pushes for one SKU, in arrival order.</summary>
    public IReadOnlyList<JsonElement> For(string sku) => [.. Received.Where(e => e.GetProperty("sku").GetString() == sku)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (!Signature.IsValid(ConnectorHost.StockSecret, body, request.Headers[Signature.Header].ToString()))
        {
            Interlocked.Increment(ref BadSignatures);
            return Results.Unauthorized();
        }

        if (Interlocked.Decrement(ref _refuse) >= 0)
        {
            Interlocked.Increment(ref Refused);
            return Results.StatusCode(500);
        }

        Received.Enqueue(JsonDocument.Parse(body).RootElement.Clone());
        return Results.Ok();
    }
}
