using ChainPos.Abstractions.Reports;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;

namespace ChainPos.Grains.Reports;

/// <summary>One counted holder: the newest version it reported, its balance then, and its unit.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.LiabilityHolder")]
public sealed record LiabilityHolder(long Version, long Balance, string Unit);

/// <summary>Persisted state of a liability shard (state name "liability").</summary>
[GenerateSerializer]
public sealed class LiabilityShardState
{
    /// <summary>Per holder of the shard (grain key) its newest report: the shard is exact because it replaces, never adds.</summary>
    [Id(0)] public Dictionary<string, LiabilityHolder> Holders { get; set; } = [];
    /// <summary>Σ balance per unit over <see cref="Holders"/>, kept with them in the same write.</summary>
    [Id(1)] public Dictionary<string, long> Totals { get; set; } = [];
    /// <summary>Number of holders per unit over <see cref="Holders"/>, so a read does not walk them.</summary>
    [Id(2)] public Dictionary<string, long> Counts { get; set; } = [];
}

/// <summary>
/// One shard of a chain liability. Holders send absolute balances with their version, so a retried, repeated or late
/// report changes nothing. Reentrant: reports arriving while a write is in flight share the next write
/// (<see cref="CoalescingStateWriter"/>), and each is acknowledged only after a write that contains it.
/// </summary>
[Reentrant]
internal sealed class LiabilityShardGrain : Grain, ILiabilityShardGrain
{
    private readonly IPersistentState<LiabilityShardState> _state;
    private readonly CoalescingStateWriter _writer;

    public LiabilityShardGrain([PersistentState("liability", StorageNames.Grains)] IPersistentState<LiabilityShardState> state)
    {
        _state = state;
        _writer = new CoalescingStateWriter(state.WriteStateAsync, _ => DeactivateOnIdle());
    }

    private LiabilityShardState S => _state.State;

    public async Task ReportAsync(LiabilityReport report)
    {
        _writer.ThrowIfFailed();
        if (S.Holders.TryGetValue(report.Holder, out var known))
        {
            if (report.Version <= known.Version)
            {
                // Already counted (or superseded); still answer only once what is counted is durable.
                await _writer.WhenDurableAsync();
                return;
            }

            Add(known.Unit, -known.Balance, -1);
        }

        S.Holders[report.Holder] = new LiabilityHolder(report.Version, report.Balance, report.Unit);
        Add(report.Unit, report.Balance, 1);
        await _writer.WriteAsync();
    }

    public Task<IReadOnlyList<LiabilityTotal>> GetAsync()
    {
        return Task.FromResult<IReadOnlyList<LiabilityTotal>>(
            [.. S.Totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new LiabilityTotal(t.Key, t.Value, S.Counts.GetValueOrDefault(t.Key)))]);
    }

    private void Add(string unit, long amount, long holders)
    {
        S.Totals[unit] = S.Totals.GetValueOrDefault(unit) + amount;
        S.Counts[unit] = S.Counts.GetValueOrDefault(unit) + holders;
    }
}

/// <summary>Sums the liability shards: 2 × <see cref="LiabilityKeys.ShardCount"/> parallel reads, never a scan of holders.</summary>
[StatelessWorker]
internal sealed class ChainLiabilityGrain : Grain, IChainLiabilityGrain
{
    public async Task<ChainLiabilityView> GetAsync()
    {
        var cards = ReadAsync(LiabilityKind.GiftCards);
        var points = ReadAsync(LiabilityKind.LoyaltyPoints);
        var gift = await cards;
        var loyalty = (await points).SingleOrDefault(t => t.Unit == LiabilityKeys.Points) ?? new LiabilityTotal(LiabilityKeys.Points, 0, 0);
        return new ChainLiabilityView(gift, loyalty, LiabilityKeys.ShardCount);
    }

    private async Task<IReadOnlyList<LiabilityTotal>> ReadAsync(LiabilityKind kind)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, LiabilityKeys.ShardCount)
            .Select(i => GrainFactory.GetGrain<ILiabilityShardGrain>(LiabilityKeys.Shard(kind, i)).GetAsync()));
        return [.. shards.SelectMany(s => s)
            .GroupBy(t => t.Unit, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LiabilityTotal(g.Key, g.Sum(t => t.Amount), g.Sum(t => t.Holders)))];
    }
}
