using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChainPos.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ChainPos.Connector.Tests;

/// <summary>A real connector (ConnectorApp) on a free loopback port, with its SQLite file in a folder the test owns.</summary>
internal sealed class ConnectorHost : IAsyncDisposable
{
    public const string WebhookSecret = "shop-webhook-secret-0123";
    public const string StockSecret = "stock-push-secret-0123";
    public const string AdminToken = "connector-admin-0123";

    private readonly WebApplication _app;

    private ConnectorHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    /// <summary>Starts a connector calling <paramref name="gateway"/>, keeping its data in <paramref name="dataDir"/>; with a receiver, it pushes the changes of <paramref name="skus"/>.</summary>
    public static async Task<ConnectorHost> StartAsync(Uri gateway, TempDirectory dataDir, StockReceiver? receiver = null, params string[] skus)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Connector:ListenAddress"] = "127.0.0.1",
            ["Connector:Port"] = "0",
            ["Connector:GatewayUrl"] = gateway.ToString(),
            ["Connector:GatewaySecret"] = NodeFixture.CommerceSecret,
            ["Connector:WebhookSecret"] = WebhookSecret,
            ["Connector:AdminToken"] = AdminToken,
            ["Connector:DataPath"] = dataDir.File("connector.db"),
            ["Connector:DefaultTtlSeconds"] = "900",
            ["Connector:RetryInitialDelay"] = "00:00:00.050",
            ["Connector:RetryMaxDelay"] = "00:00:00.500",
            ["Connector:CallTimeout"] = "00:00:05",
            ["Connector:StockWebhookUrl"] = receiver?.Url.ToString() ?? "",
            ["Connector:StockWebhookSecret"] = StockSecret,
        };
        for (var i = 0; i < skus.Length; i++)
        {
            settings[$"Connector:StockSkus:{i}"] = skus[i];
        }

        var app = ConnectorApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = ConnectorApp.Address(app) };
        return new ConnectorHost(app, http);
    }

    /// <summary>
    /// POSTs a webhook body signed with <paramref name="secret"/> (the right one by default; null: unsigned) and a
    /// timestamp of <paramref name="sentAt"/> (now by default); <paramref name="timestamp"/> overrides the header's
    /// text ("" : no timestamp header, signed the original way, body only).
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json, string? secret = WebhookSecret, DateTimeOffset? sentAt = null, string? timestamp = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/orders") { Content = content };
        var stamp = timestamp ?? (sentAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (stamp.Length > 0)
        {
            request.Headers.Add(Signature.TimestampHeader, stamp);
        }

        if (secret is not null)
        {
            request.Headers.Add(Signature.Header, stamp.Length > 0 ? Signature.Sign(secret, stamp, bytes) : Signature.Sign(secret, bytes));
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>An inbox endpoint with the admin token: status and JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> AdminAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>The inbox state of an event ("pending", "applied", "parked"), or null when the inbox does not have it.</summary>
    public async Task<JsonElement?> EventAsync(string eventId)
    {
        var (status, body) = await AdminAsync(HttpMethod.Get, "/inbox/events/" + eventId);
        return status == HttpStatusCode.OK ? body : null;
    }

    /// <summary>Waits until the event leaves "pending"; answers its inbox entry.</summary>
    public async Task<JsonElement> SettledAsync(string eventId)
    {
        var entry = await Eventually.UntilAsync(() => EventAsync(eventId), e => e is { } x && x.GetProperty("state").GetString() != "pending");
        Assert.NotNull(entry);
        return entry.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
