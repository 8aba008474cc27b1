using ChainPos.Abstractions.Reports;

namespace ChainPos.Grains.Reports;

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
            .Select(i => GrainFactory.Grain<ILiabilityShardGrain>(LiabilityKeys.Shard(kind, i)).GetAsync()));
        return [.. shards.SelectMany(s => s)
            .GroupBy(t => t.Unit, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LiabilityTotal(g.Key, g.Sum(t => t.Amount), g.Sum(t => t.Holders)))];
    }
}
