using ChainPos.Abstractions.Catalog;
using ChainPos.Storage;

namespace ChainPos.Grains.Catalog;

/// <summary>Persisted state of the catalogue coordinator (state name "catalog").</summary>
[GenerateSerializer]
public sealed class CatalogState
{
    [Id(0)]
    public long PublishedVersion { get; set; }

    /// <summary>Recent operation ids with the version they were published under (bounded).</summary>
    [Id(1)]
    public Dictionary<string, long> RecentOperations { get; set; } = [];

    /// <summary>
    /// No silo's product cache holds a watch granted by an earlier activation beyond this time (wall clock of the
    /// granting silo). A new activation does not acknowledge a change before it has passed: caches it does not know of
    /// may still serve products until then.
    /// </summary>
    [Id(2)]
    public DateTimeOffset WatchedUntil { get; set; }
}

/// <summary>
/// Persisted state of one catalogue shard (state name "catalog-shard"). With the group-commit provider each product is
/// an entry row of its own (<see cref="ILedgerState"/>): an upsert writes the products it changed, not the whole shard
/// (a 50k-SKU catalogue puts ~800 products, ~500 KB, in each of the 64 shards, and a price change rewrote them all).
/// </summary>
[GenerateSerializer]
public sealed class CatalogShardState : ILedgerState
{
    [Id(0)]
    public LedgerMap<ProductInfo> Products { get; set; } = new();

    ILedgerMap ILedgerState.Ledger => Products;
}
