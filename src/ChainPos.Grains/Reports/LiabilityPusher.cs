using ChainPos.Abstractions.Reports;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Reports;

/// <summary>
/// Keeps a holder's (gift card's or loyalty account's) share of the chain liability current: after a durable balance
/// change the absolute balance and its version go to the holder's <see cref="ILiabilityShardGrain"/> through a
/// <see cref="DebouncedPush{T}"/> (as the stock grain's availability push: off the caller's path, at most one per
/// <see cref="CommerceOptions.AvailabilityPushInterval"/>, retried every <see cref="CommerceOptions.RetryDelay"/> until
/// it lands). The shard ignores versions it holds, so repeats are harmless.
/// </summary>
internal sealed partial class LiabilityPusher
{
    private readonly Grain _grain;
    private readonly DebouncedPush<LiabilityReport> _push;

    public LiabilityPusher(Grain grain, IGrainFactory grains, LiabilityKind kind, IOptions<CommerceOptions> options, TimeProvider time, ILogger logger)
    {
        _grain = grain;
        _push = new DebouncedPush<LiabilityReport>(
            grain,
            report => grains.GetGrain<ILiabilityShardGrain>(LiabilityKeys.Shard(kind, LiabilityKeys.ShardOf(report.Holder))).ReportAsync(report),
            () => options.Value.AvailabilityPushInterval,
            () => options.Value.RetryDelay,
            time,
            (error, report) => PushFailed(logger, error, kind, report.Holder));
    }

    /// <summary>Queues the holder's balance after change <paramref name="version"/>; call it only once that change is durable.</summary>
    public void Schedule(long version, long balance, string unit)
    {
        if (version > 0)
        {
            _push.Schedule(new LiabilityReport(_grain.GetPrimaryKeyString(), version, balance, unit));
        }
    }

    [LoggerMessage(1240, LogLevel.Warning, "Liability {Kind} of {Holder}: report to its shard failed; will retry")]
    private static partial void PushFailed(ILogger logger, Exception error, LiabilityKind kind, string holder);
}
