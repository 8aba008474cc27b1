using ChainPos.StoreAgent.Hosting;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>Leases the agent keeps up in the background: gift card and points allowances, stock quotas of limited SKUs.</summary>
internal interface ILeaseUpkeep
{
    /// <summary>Takes, renews and gives back leases as needed; does nothing while offline or with sales still queued.</summary>
    Task KeepAsync(CancellationToken cancellationToken = default);
}

/// <summary>Every five sync intervals: runs each <see cref="ILeaseUpkeep"/> (a failure of one does not stop the others).</summary>
internal sealed partial class LeaseKeeper(IEnumerable<ILeaseUpkeep> upkeeps, IOptions<AgentOptions> options, TimeProvider time, ILogger<LeaseKeeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SyncInterval * 5, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var upkeep in upkeeps)
            {
                try
                {
                    await upkeep.KeepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogKeepFailed(upkeep.GetType().Name, e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Lease upkeep {Upkeep} failed")]
    private partial void LogKeepFailed(string upkeep, Exception e);
}
