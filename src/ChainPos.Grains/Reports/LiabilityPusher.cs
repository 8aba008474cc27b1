using ChainPos.Abstractions.Reports;
using ChainPos.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Reports;

/// <summary>
/// Keeps a holder's (gift card's or loyalty account's) share of the chain liability current, like the stock grain's
/// availability push: after a durable balance change the absolute balance and its version go to the holder's
/// <see cref="ILiabilityShardGrain"/> in a timer turn that interleaves (the caller is not held up), at most one in
/// flight and one per <see cref="CommerceOptions.AvailabilityPushInterval"/>, always the newest; a failed push is
/// retried every <see cref="CommerceOptions.RetryDelay"/> until it lands. The shard ignores versions it holds, so
/// repeats are harmless.
/// </summary>
internal sealed partial class LiabilityPusher(
    Grain grain,
    IGrainFactory grains,
    LiabilityKind kind,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    ILogger logger)
{
    private IGrainTimer? _timer;
    private LiabilityReport? _toPush;
    private bool _pushing;
    private bool _armed;
    private DateTimeOffset _lastPush = DateTimeOffset.MinValue;

    private string Holder => grain.GetPrimaryKeyString();

    /// <summary>Queues the holder's balance after change <paramref name="version"/>; call it only once that change is durable.</summary>
    public void Schedule(long version, long balance, string unit)
    {
        if (version <= 0)
        {
            return;
        }

        _toPush = new LiabilityReport(Holder, version, balance, unit);
        if (!_pushing && !_armed)
        {
            var due = _lastPush + options.Value.AvailabilityPushInterval - time.GetUtcNow();
            Start(due > TimeSpan.Zero ? due : TimeSpan.Zero);
        }
    }

    private void Start(TimeSpan due)
    {
        _timer?.Dispose();
        _armed = true;
        _timer = grain.RegisterGrainTimer(
            static (pusher, _) => pusher.PushAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private async Task PushAsync()
    {
        _armed = false;
        if (_pushing || _toPush is not { } report)
        {
            return;
        }

        _pushing = true;
        try
        {
            _lastPush = time.GetUtcNow();
            await grains.GetGrain<ILiabilityShardGrain>(LiabilityKeys.Shard(kind, LiabilityKeys.ShardOf(report.Holder))).ReportAsync(report);
            if (ReferenceEquals(_toPush, report))
            {
                _toPush = null;
            }
        }
        catch (Exception e)
        {
            PushFailed(logger, e, kind, report.Holder);
            _pushing = false;
            Start(options.Value.RetryDelay);
            return;
        }
        finally
        {
            _pushing = false;
        }

        if (_toPush is { } newer)
        {
            Schedule(newer.Version, newer.Balance, newer.Unit);
        }
    }

    [LoggerMessage(1240, LogLevel.Warning, "Liability {Kind} of {Holder}: report to its shard failed; will retry")]
    private static partial void PushFailed(ILogger logger, Exception error, LiabilityKind kind, string holder);
}
