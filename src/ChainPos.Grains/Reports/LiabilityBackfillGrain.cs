using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Reports;
using ChainPos.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChainPos.Grains.Reports;

/// <summary>
/// Visits stored gift cards ("giftcard" rows) or loyalty accounts ("loyalty" rows) a page at a time and asks each to
/// make sure it is counted. Every decision is the holder's own (its version, in its own turn), so a page run twice, or
/// while sales change the same holders, counts nothing twice.
/// </summary>
[StatelessWorker(1)]
internal sealed class LiabilityBackfillGrain(IServiceProvider services) : Grain, ILiabilityBackfillGrain
{
    public async Task<LiabilityBackfillPage> BackfillAsync(LiabilityKind kind, string after, int limit)
    {
        if (limit is < 1 or > 1000)
        {
            throw PosException.Invalid($"limit must be 1..1000, not {limit}.");
        }

        var stored = services.GetService<IStoredGrainKeys>();
        IReadOnlyList<string> keys;
        try
        {
            keys = stored is null ? throw new NotSupportedException() : await stored.ListAsync(kind == LiabilityKind.GiftCards ? "giftcard" : "loyalty", after, limit, CancellationToken.None);
        }
        catch (NotSupportedException)
        {
            throw PosException.Precondition("This node's grain storage (memory) cannot list stored gift cards and accounts; a back-fill needs PostgreSQL or SQLite.");
        }

        var counted = await Task.WhenAll(keys.Select(key => kind == LiabilityKind.GiftCards
            ? GrainFactory.Grain<IGiftCardGrain>(key).CountLiabilityAsync()
            : GrainFactory.Grain<ILoyaltyAccountGrain>(key).CountLiabilityAsync()));
        return new LiabilityBackfillPage(keys.Count, counted.Count(c => c), keys.Count < limit ? "" : keys[^1]);
    }
}
