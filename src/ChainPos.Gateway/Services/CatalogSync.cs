using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;

namespace ChainPos.Gateway.Services;

/// <summary>
/// Reads one page of catalogue changes across every shard, in (version, sku) order after the cursor.
/// Each shard returns a small slice; the page is cut at the earliest last item of any shard that filled
/// its slice, because beyond that point a full shard may hold changes it did not return. Everything at or
/// before the cut is complete, so pages never skip a change, and a page costs about twice its size in
/// reads instead of a full page from each of the 64 shards. Nothing above the published version is read,
/// so a page never shows a change whose siblings in other shards are not written yet.
/// </summary>
internal static class CatalogSync
{
    public const int DefaultPageSize = 1000;
    public const int MaxPageSize = 5000;

    public sealed record Page(IReadOnlyList<ProductInfo> Products, SyncCursor Next, bool HasMore, long PublishedVersion);

    public static async Task<Page> ReadAsync(IGrainFactory grains, SyncCursor after, int pageSize)
    {
        var published = await grains.Grain<ICatalogGrain>(GrainKeys.Catalog).GetPublishedVersionAsync();
        var perShard = Math.Min(pageSize, (pageSize * 2 / GrainKeys.CatalogShardCount) + 16);
        var shards = await Task.WhenAll(Enumerable.Range(0, GrainKeys.CatalogShardCount).Select(shard =>
            grains.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(shard)).GetChangesAsync(after.Version, after.Sku, published, perShard)));

        var full = shards.Where(s => s.Count == perShard).Select(s => s[^1]).ToList();
        var cut = full.Count == 0 ? null : full.Min(ChangeOrder.Instance);
        var candidates = shards.SelectMany(s => s).Where(p => cut is null || ChangeOrder.Instance.Compare(p, cut) <= 0).ToList();
        candidates.Sort(ChangeOrder.Instance);
        var page = candidates.Count > pageSize ? candidates.GetRange(0, pageSize) : candidates;
        var hasMore = candidates.Count > pageSize || cut is not null;
        var next = page.Count > 0 ? new SyncCursor(page[^1].Version, page[^1].Sku) : after;
        return new Page(page, next, hasMore, published);
    }

    /// <summary>The sync order: version, then SKU by ordinal.</summary>
    private sealed class ChangeOrder : IComparer<ProductInfo>
    {
        public static readonly ChangeOrder Instance = new();

        public int Compare(ProductInfo? x, ProductInfo? y) =>
            x!.Version != y!.Version ? x.Version.CompareTo(y.Version) : string.CompareOrdinal(x.Sku, y.Sku);
    }
}
