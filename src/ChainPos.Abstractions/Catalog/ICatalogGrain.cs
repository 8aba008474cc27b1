namespace ChainPos.Abstractions.Catalog;

/// <summary>
/// The catalogue's single writer: it numbers every change with a catalogue version, writes the
/// products to their shards and only then publishes the version, so a reader that syncs up to the
/// published version never skips a change. Key: <see cref="GrainKeys.Catalog"/>.
/// </summary>
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates products under a new version. Idempotent by <paramref name="operationId"/>.</summary>
    Task<long> UpsertAsync(string operationId, IReadOnlyList<ProductInfo> products);

    /// <summary>The newest version whose changes are all readable from the shards.</summary>
    [ReadOnly]
    Task<long> GetPublishedVersionAsync();

    /// <summary>
    /// Starts or renews a silo's product cache watch for <paramref name="lease"/>: until it lapses, every change is told
    /// to <paramref name="observer"/> before it is acknowledged. Returns true when the watch continued without a gap
    /// (the observer was told of every change since it last asked); false when it begins anew, and the cache must
    /// drop what it holds.
    /// </summary>
    Task<bool> WatchAsync(ICatalogChangeObserver observer, TimeSpan lease);
}

/// <summary>A silo's product cache, told of catalogue changes by <see cref="ICatalogGrain"/> while its watch lasts.</summary>
public interface ICatalogChangeObserver : IGrainObserver
{
    /// <summary><paramref name="skus"/> changed under <paramref name="version"/>: drop them.</summary>
    Task ProductsChangedAsync(long version, IReadOnlyList<string> skus);

    /// <summary>The watch ends (the catalogue grain deactivates): drop everything and watch again.</summary>
    Task WatchEndedAsync();
}

/// <summary>One of <see cref="GrainKeys.CatalogShardCount"/> slices of the catalogue. Key: <see cref="GrainKeys.CatalogShard"/>.</summary>
public interface ICatalogShardGrain : IGrainWithStringKey
{
    /// <summary>Stores products (all of this shard) stamped with <paramref name="version"/>.</summary>
    Task UpsertAsync(long version, IReadOnlyList<ProductInfo> products);

    /// <summary>The products among <paramref name="skus"/> that exist (active or not).</summary>
    [ReadOnly]
    Task<IReadOnlyList<ProductInfo>> GetAsync(IReadOnlyList<string> skus);

    /// <summary>
    /// Changes with (version, sku) after (<paramref name="afterVersion"/>, <paramref name="afterSku"/>)
    /// and version ≤ <paramref name="upToVersion"/>, ordered, at most <paramref name="max"/>.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<ProductInfo>> GetChangesAsync(long afterVersion, string afterSku, long upToVersion, int max);
}
