using ChainPos.StoreAgent.Hosting;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>Every five sync intervals: renews allowances in use, gives back idle or expired ones (<see cref="AllowanceService.KeepAsync"/>).</summary>
internal sealed partial class AllowanceKeeper(AllowanceService allowances, IOptions<AgentOptions> options, TimeProvider time, ILogger<AllowanceKeeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SyncInterval * 5, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await allowances.KeepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogKeepFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Allowance upkeep failed")]
    private partial void LogKeepFailed(Exception e);
}
