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
/// it lands), with the base the holder has stored as counted. Once the shard has it, the holder keeps it as its new
/// counted base in memory; the holder's next write (or its deactivation) stores it, and then the shard is told it may
/// forget the holder. So the shard never needs an entry per holder, only per holder with something in flight.
/// </summary>
internal sealed partial class LiabilityPusher
{
    private readonly Grain _grain;
    private readonly Func<ILiabilityHolderState> _state;
    private readonly IGrainFactory _grains;
    private readonly LiabilityKind _kind;
    private readonly ILogger _logger;
    private readonly DebouncedPush<LiabilityReport> _push;
    private long _stored;
    private long _forgotten;

    public LiabilityPusher(
        Grain grain, Func<ILiabilityHolderState> state, IGrainFactory grains, LiabilityKind kind, IOptions<CommerceOptions> options, TimeProvider time, ILogger logger)
    {
        _grain = grain;
        _state = state;
        _grains = grains;
        _kind = kind;
        _logger = logger;
        _stored = state().LiabilityCountedVersion;
        _push = new DebouncedPush<LiabilityReport>(
            grain,
            report => SendAsync(report, time.GetUtcNow()),
            () => options.Value.AvailabilityPushInterval,
            () => options.Value.RetryDelay,
            time,
            (error, report) => PushFailed(logger, error, kind, report.Holder));
    }

    /// <summary>True when the shard has counted a version this holder has not stored yet.</summary>
    private bool HasUnstoredCount => _state().LiabilityCountedVersion > _stored;

    /// <summary>Queues the holder's balance after change <paramref name="version"/>; call it only once that change is durable.</summary>
    public void Schedule(long version, long balance, string unit)
    {
        if (version > _state().LiabilityCountedVersion)
        {
            _push.Schedule(new LiabilityReport(_grain.GetPrimaryKeyString(), version, balance, unit, 0, 0, default));
        }
    }

    /// <summary>
    /// Call after a write of the holder's state that held counted version <paramref name="counted"/> (read before the
    /// write started): the shard may now forget the holder.
    /// </summary>
    public void Stored(long counted)
    {
        if (counted <= _stored)
        {
            return;
        }

        _stored = counted;
        if (counted > _forgotten)
        {
            _forgotten = counted;
            _ = Shard().ForgetAsync(_grain.GetPrimaryKeyString(), counted);
        }
    }

    /// <summary>
    /// Call on activation: tells the shard again that the stored counted version is stored, in case the last such message
    /// was lost (one one-way message; the shard ignores it unless it still holds exactly that version).
    /// </summary>
    public void ForgetStored()
    {
        if (_stored > _forgotten)
        {
            _forgotten = _stored;
            _ = Shard().ForgetAsync(_grain.GetPrimaryKeyString(), _stored);
        }
    }

    /// <summary>Runs the holder's state write; then the shard may forget the counted base that write stored.</summary>
    public async Task WriteAsync(Func<Task> write)
    {
        var counted = _state().LiabilityCountedVersion;
        await write();
        Stored(counted);
    }

    /// <summary>
    /// At deactivation: a count the shard holds for this holder that is not stored yet is stored, so the shard can drop
    /// the entry; a failed write is logged (the shard then keeps the holder's entry).
    /// </summary>
    public async Task StoreAtDeactivationAsync(Func<Task> write)
    {
        if (!HasUnstoredCount)
        {
            return;
        }

        try
        {
            await WriteAsync(write);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            CountNotStored(_logger, e, _kind, _grain.GetPrimaryKeyString());
        }
    }

    private async Task SendAsync(LiabilityReport queued, DateTimeOffset now)
    {
        // The base is read when sent: an earlier report may have been counted since this one was queued.
        var state = _state();
        var report = queued with { BaseVersion = state.LiabilityCountedVersion, BaseBalance = state.LiabilityCountedBalance, SentAt = now };
        await Shard().ReportAsync(report);
        if (report.Version > state.LiabilityCountedVersion)
        {
            state.LiabilityCountedVersion = report.Version;
            state.LiabilityCountedBalance = report.Balance;
        }
    }

    private ILiabilityShardGrain Shard() =>
        _grains.Grain<ILiabilityShardGrain>(LiabilityKeys.Shard(_kind, LiabilityKeys.ShardOf(_grain.GetPrimaryKeyString())));

    [LoggerMessage(1240, LogLevel.Warning, "Liability {Kind} of {Holder}: report to its shard failed; will retry")]
    private static partial void PushFailed(ILogger logger, Exception error, LiabilityKind kind, string holder);

    [LoggerMessage(1241, LogLevel.Warning, "Liability {Kind} of {Holder}: storing the counted base at deactivation failed; the shard keeps its entry")]
    private static partial void CountNotStored(ILogger logger, Exception error, LiabilityKind kind, string holder);
}
