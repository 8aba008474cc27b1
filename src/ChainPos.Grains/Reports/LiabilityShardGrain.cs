using ChainPos.Abstractions.Reports;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;

namespace ChainPos.Grains.Reports;

/// <summary>One counted holder in the old, unbounded shard format: read only to move it to <see cref="LiabilityShardState.Pending"/>.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.LiabilityHolder")]
public sealed record LiabilityHolder(long Version, long Balance, string Unit);

/// <summary>
/// A holder whose counted balance the holder may not have stored yet: its newest counted version and balance, when that
/// last changed, and whether the holder has said it stored it (<see cref="ILiabilityShardGrain.ForgetAsync"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.LiabilityPending")]
public sealed record LiabilityPending(long Version, long Balance, string Unit, DateTimeOffset ChangedAt, bool Stored);

/// <summary>Persisted state of a liability shard (state name "liability").</summary>
[GenerateSerializer]
public sealed class LiabilityShardState
{
    /// <summary>Old format (one entry per holder that ever reported); moved to <see cref="Pending"/> on activation, then empty.</summary>
    [Id(0)] public Dictionary<string, LiabilityHolder> Holders { get; set; } = [];
    /// <summary>Σ counted balance per unit.</summary>
    [Id(1)] public Dictionary<string, long> Totals { get; set; } = [];
    /// <summary>Number of holders counted per unit.</summary>
    [Id(2)] public Dictionary<string, long> Counts { get; set; } = [];
    /// <summary>Only the holders with a report in flight or in the last <see cref="LiabilityShardGrain.Keep"/>: bounded by activity, not by holders.</summary>
    [Id(3)] public Dictionary<string, LiabilityPending> Pending { get; set; } = [];
}

/// <summary>
/// One shard of a chain liability: running totals per unit plus only the holders it must still recognise. A holder
/// sends its absolute balance with its version and the (version, balance) it has stored as counted (its base). A holder
/// in <see cref="LiabilityShardState.Pending"/> is replaced by version (a retried, repeated or late report changes
/// nothing); any other holder is counted as balance − base, which is exact because a holder leaves the pending set only
/// after it has stored that base itself, no report sent more than <see cref="MaxAge"/> ago is taken, and an entry stays
/// <see cref="Keep"/> after its last change. Reentrant: reports arriving during a write share the next one
/// (<see cref="CoalescingStateWriter"/>), each acknowledged only after a write that contains it.
/// </summary>
[Reentrant]
internal sealed class LiabilityShardGrain : Grain, ILiabilityShardGrain
{
    /// <summary>A report sent longer ago than this is refused (the holder sends it again, with its current base).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>A stored entry leaves the pending set no sooner than this after its last change (2 × <see cref="MaxAge"/>).</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    private readonly IPersistentState<LiabilityShardState> _state;
    private readonly CoalescingStateWriter _writer;
    private readonly TimeProvider _time;
    private bool _forgetsUnstored;

    public LiabilityShardGrain([PersistentState("liability", StorageNames.Grains)] IPersistentState<LiabilityShardState> state, TimeProvider time)
    {
        _state = state;
        _time = time;
        _writer = new CoalescingStateWriter(state.WriteStateAsync, _ => DeactivateOnIdle());
    }

    private LiabilityShardState S => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Shards stored before the bounded format: their holders become pending entries (never stored by the holder,
        // so kept until each holder reports and stores its base), and the next write drops the old map.
        var now = _time.GetUtcNow();
        foreach (var (holder, counted) in S.Holders)
        {
            S.Pending.TryAdd(holder, new LiabilityPending(counted.Version, counted.Balance, counted.Unit, now, false));
        }

        S.Holders.Clear();
        return Task.CompletedTask;
    }

    public async Task ReportAsync(LiabilityReport report)
    {
        _writer.ThrowIfFailed();
        var now = _time.GetUtcNow();
        if (now - report.SentAt > MaxAge)
        {
            throw PosException.Precondition($"Liability report of {report.Holder} was sent at {report.SentAt:O}, more than {MaxAge.TotalMinutes} minutes ago; send it again.");
        }

        if (S.Pending.TryGetValue(report.Holder, out var known))
        {
            if (report.Version <= known.Version)
            {
                // Already counted (or superseded); still answer only once what is counted is durable.
                await _writer.WhenDurableAsync();
                return;
            }

            Add(known.Unit, -known.Balance, -1);
            Add(report.Unit, report.Balance, 1);
        }
        else if (report.Version <= report.BaseVersion)
        {
            return;
        }
        else if (report.BaseVersion == 0)
        {
            Add(report.Unit, report.Balance, 1);
        }
        else
        {
            Add(report.Unit, report.Balance - report.BaseBalance, 0);
        }

        S.Pending[report.Holder] = new LiabilityPending(report.Version, report.Balance, report.Unit, now, false);
        Sweep(now);
        _forgetsUnstored = false;
        await _writer.WriteAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Forgets are stored by the next report's write; a shard going idle stores them itself.
        if (_forgetsUnstored && !_writer.Failed)
        {
            Sweep(_time.GetUtcNow());
            await _writer.WriteAsync();
        }
    }

    public Task ForgetAsync(string holder, long version)
    {
        // No write of its own: the next coalesced write stores it. Lost, the entry only stays longer.
        if (S.Pending.TryGetValue(holder, out var known) && known.Version == version && !known.Stored)
        {
            S.Pending[holder] = known with { Stored = true };
            _forgetsUnstored = true;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LiabilityTotal>> GetAsync()
    {
        return Task.FromResult<IReadOnlyList<LiabilityTotal>>(
            [.. S.Totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new LiabilityTotal(t.Key, t.Value, S.Counts.GetValueOrDefault(t.Key)))]);
    }

    public Task<int> GetPendingCountAsync() => Task.FromResult(S.Pending.Count);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (holder, entry) in S.Pending)
        {
            if (entry.Stored && now - entry.ChangedAt >= Keep)
            {
                S.Pending.Remove(holder);
            }
        }
    }

    private void Add(string unit, long amount, long holders)
    {
        S.Totals[unit] = S.Totals.GetValueOrDefault(unit) + amount;
        S.Counts[unit] = S.Counts.GetValueOrDefault(unit) + holders;
    }
}
