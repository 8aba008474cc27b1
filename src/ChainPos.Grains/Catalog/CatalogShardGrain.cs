using ChainPos.Abstractions.Catalog;
using ChainPos.Storage;

namespace ChainPos.Grains.Catalog;

/// <summary>A slice of the catalogue; reads interleave, writes come only from <see cref="CatalogGrain"/>.</summary>
internal sealed class CatalogShardGrain(
    [PersistentState("catalog-shard", StorageNames.Grains)] IPersistentState<CatalogShardState> state) : Grain, ICatalogShardGrain
{
    // Sorted view for delta sync, rebuilt lazily after a write.
    private List<ProductInfo>? _byVersion;

    public async Task UpsertAsync(long version, IReadOnlyList<ProductInfo> products)
    {
        foreach (var product in products)
        {
            state.State.Products[product.Sku] = product with { Version = version };
        }

        _byVersion = null;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ProductInfo>> GetAsync(IReadOnlyList<string> skus)
    {
        var found = new List<ProductInfo>(skus.Count);
        foreach (var sku in skus)
        {
            if (state.State.Products.TryGetValue(sku, out var product))
            {
                found.Add(product);
            }
        }

        return Task.FromResult<IReadOnlyList<ProductInfo>>(found);
    }

    public Task<IReadOnlyList<ProductInfo>> GetChangesAsync(long afterVersion, string afterSku, long upToVersion, int max)
    {
        _byVersion ??= [.. state.State.Products.Values.OrderBy(p => p.Version).ThenBy(p => p.Sku, StringComparer.Ordinal)];
        var start = FirstAfter(_byVersion, afterVersion, afterSku);
        var page = new List<ProductInfo>(Math.Min(max, 256));
        for (var i = start; i < _byVersion.Count && page.Count < max && _byVersion[i].Version <= upToVersion; i++)
        {
            page.Add(_byVersion[i]);
        }

        return Task.FromResult<IReadOnlyList<ProductInfo>>(page);
    }

    private static int FirstAfter(List<ProductInfo> sorted, long version, string sku)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            var p = sorted[mid];
            var cmp = p.Version != version ? p.Version.CompareTo(version) : string.CompareOrdinal(p.Sku, sku);
            if (cmp <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
