using ChainPos.Abstractions.Catalog;
using ChainPos.Storage;

namespace ChainPos.Grains.Catalog;

/// <summary>Single writer of the catalogue; see <see cref="ICatalogGrain"/>.</summary>
internal sealed class CatalogGrain(
    [PersistentState("catalog", StorageNames.Grains)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    private const int MaxRecentOperations = 1000;
    private const int MaxProductsPerCall = 5000;

    public async Task<long> UpsertAsync(string operationId, IReadOnlyList<ProductInfo> products)
    {
        Ids.Require(operationId, "operation_id");
        if (state.State.RecentOperations.TryGetValue(operationId, out var done))
        {
            return done;
        }

        if (products.Count is 0 or > MaxProductsPerCall)
        {
            throw PosException.Invalid($"Send 1..{MaxProductsPerCall} products per call (got {products.Count}).");
        }

        foreach (var product in products)
        {
            ProductValidator.Validate(product);
        }

        if (products.Select(p => p.Sku).Distinct(StringComparer.Ordinal).Count() != products.Count)
        {
            throw PosException.Invalid("A SKU appears twice in one upsert; send each product once.");
        }

        var version = state.State.PublishedVersion + 1;
        var writes = products
            .GroupBy(p => GrainKeys.CatalogShardOf(p.Sku))
            .Select(g => GrainFactory.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key))
                .UpsertAsync(version, g.Select(p => p with { Version = version }).ToList()));
        await Task.WhenAll(writes);

        // Published only once every shard holds the change: readers never see a gap.
        state.State.PublishedVersion = version;
        state.State.RecentOperations[operationId] = version;
        if (state.State.RecentOperations.Count > MaxRecentOperations)
        {
            foreach (var stale in state.State.RecentOperations.OrderBy(kv => kv.Value).Take(state.State.RecentOperations.Count - MaxRecentOperations).ToList())
            {
                state.State.RecentOperations.Remove(stale.Key);
            }
        }

        await state.WriteStateAsync();
        return version;
    }

    public Task<long> GetPublishedVersionAsync() => Task.FromResult(state.State.PublishedVersion);
}
