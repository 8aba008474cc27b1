using System.Net.Http.Headers;
using System.Text.Json;
using ChainPos.Api.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.Connector.Outbound;

/// <summary>
/// Follows WatchStock for the configured SKUs (and locations) and POSTs each change to the shop's webhook, one at a
/// time in the order received (so in order per SKU), retrying with backoff until the shop answers 2xx. The SKU's
/// sequence is saved only after delivery, and the stream resumes from the saved sequences after a reconnect or a
/// restart: at least once, never skipped.
/// </summary>
internal sealed class StockFeed(
    Gateway gateway,
    CursorStore cursors,
    IHttpClientFactory http,
    IOptions<ConnectorOptions> options,
    ILogger<StockFeed> logger) : BackgroundService
{
    /// <summary>Name of the HTTP client pushing to the shop.</summary>
    public const string HttpClientName = "stock-webhook";

    private readonly ConnectorOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(_options.StockWebhookUrl) || _options.StockSkus.Count == 0)
        {
            logger.FeedDisabled();
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(() => failures = 0, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = _options.Backoff(++failures);
                logger.FeedStreamFailed(e, delay);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task FollowAsync(Action connected, CancellationToken stoppingToken)
    {
        var resume = await cursors.LoadAsync();
        var request = new WatchStockRequest
        {
            Skus = { _options.StockSkus },
            LocationIds = { _options.StockLocations },
            ResumeFrom = { resume.Where(c => _options.StockSkus.Contains(c.Key)).Select(c => new SkuCursor { Sku = c.Key, Sequence = c.Value }) },
        };
        using var call = gateway.Commerce.WatchStock(request, gateway.Stream(stoppingToken));
        while (await call.ResponseStream.MoveNext(stoppingToken))
        {
            connected();
            var change = call.ResponseStream.Current;
            await DeliverAsync(StockChangedMessage.From(change), stoppingToken);
            await cursors.SaveAsync(change.Sku, change.Sequence);
        }

        throw new RpcException(new Status(StatusCode.Unavailable, "The WatchStock stream ended."));
    }

    private async Task DeliverAsync(StockChangedMessage message, CancellationToken stoppingToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, StockChangedMessage.Json);
        var signature = Signature.Sign(_options.StockWebhookSecret, body);
        for (var attempt = 1; ; attempt++)
        {
            string error;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var post = new HttpRequestMessage(HttpMethod.Post, _options.StockWebhookUrl) { Content = content };
                post.Headers.Add(Signature.Header, signature);
                post.Headers.Add("X-ChainPos-Event-Id", message.Id);
                using var response = await http.CreateClient(HttpClientName).SendAsync(post, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                error = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                error = e.Message;
            }
            catch (TaskCanceledException e) when (!stoppingToken.IsCancellationRequested)
            {
                error = "timed out: " + e.Message;
            }

            var delay = _options.Backoff(attempt);
            logger.FeedPushFailed(message.Id, attempt, delay, error);
            await Task.Delay(delay, stoppingToken);
        }
    }
}
