using Microsoft.Extensions.Options;

namespace ChainPos.Connector.Inbound;

/// <summary>
/// Keeps the inbox file small: every <see cref="ConnectorOptions.InboxPruneInterval"/> (and once at start) it deletes
/// applied events received more than <see cref="ConnectorOptions.InboxRetention"/> ago. Within the retention a repeated
/// event id is still a duplicate; after it, the repeat is accepted again and reaches the gateway, which answers it by
/// order id (see <c>docs/commerce-events.md</c>).
/// </summary>
public sealed class InboxPruner(Inbox inbox, TimeProvider time, IOptions<ConnectorOptions> options, ILogger<InboxPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.InboxRetention;
        var interval = options.Value.InboxPruneInterval;
        if (retention <= TimeSpan.Zero || interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Connector:InboxRetention and Connector:InboxPruneInterval must be positive.");
        }

        // Rounds are due on a fixed schedule from the start, so a slow round does not push the later ones back.
        var due = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await inbox.PruneAppliedAsync(time.GetUtcNow() - retention, stoppingToken);
                if (deleted > 0)
                {
                    logger.InboxPruned(deleted, retention);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Only the clean-up failed (file busy, disk full): nothing is lost; the next round tries again.
                logger.InboxPruneFailed(e);
            }

            due += interval;
            var wait = due - time.GetUtcNow();
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
