using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.Connector.Inbound;

/// <summary>
/// Applies the inbox to the gateway, one event at a time in the order accepted (so an order's paid never overtakes
/// its created). A failure a retry may fix (gateway down, timeout, internal error) keeps the event at the head and
/// retries it with exponential backoff, for as long as it takes; a business refusal parks it with its error.
/// </summary>
internal sealed class InboxWorker(
    Inbox inbox,
    InboxSignal signal,
    OrderApplier applier,
    TimeProvider time,
    IOptions<ConnectorOptions> options,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StepAsync(stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: an event in flight stays pending and is applied again after the restart (idempotent).
                return;
            }
            catch (Exception e)
            {
                // The inbox file itself failed (disk full, locked): nothing was lost; try again shortly.
                logger.InboxFailed(e);
                await signal.WaitAsync(options.Value.RetryMaxDelay, stoppingToken);
            }
        }
    }

    private async Task StepAsync(CancellationToken stoppingToken)
    {
        var next = await inbox.NextPendingAsync();
        if (next is null)
        {
            await signal.WaitAsync(IdleWait, stoppingToken);
            return;
        }

        var wait = (next.NextAttemptAt ?? DateTimeOffset.MinValue) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await signal.WaitAsync(wait, stoppingToken);
            return;
        }

        var attempts = next.Attempts + 1;
        OrderEvent evt;
        try
        {
            evt = StoredEvent.Read(next.Body);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            await inbox.ParkAsync(next.Seq, attempts, "The stored event cannot be read: " + e.Message);
            return;
        }

        try
        {
            var outcome = await applier.ApplyAsync(evt, stoppingToken);
            await inbox.MarkAppliedAsync(next.Seq, attempts, outcome);
            logger.EventApplied(next.EventId, next.EventType, next.OrderId, outcome);
        }
        catch (RpcException e) when (OrderApplier.IsPermanent(e))
        {
            var error = $"{e.StatusCode}: {e.Status.Detail}";
            await inbox.ParkAsync(next.Seq, attempts, error);
            logger.EventParked(next.EventId, next.EventType, next.OrderId, error);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var error = e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : $"{e.GetType().Name}: {e.Message}";
            var delay = options.Value.Backoff(attempts);
            await inbox.DeferAsync(next.Seq, attempts, error, time.GetUtcNow() + delay);
            logger.EventDeferred(next.EventId, next.EventType, next.OrderId, attempts, delay, error);
        }
    }
}

/// <summary>Wakes the inbox worker when an event is accepted or requeued.</summary>
internal sealed class InboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Something new is in the inbox.</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Waits for a notification or the timeout.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
