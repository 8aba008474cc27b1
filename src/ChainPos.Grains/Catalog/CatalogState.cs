using ChainPos.Abstractions.Catalog;

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

/// <summary>Persisted state of one catalogue shard (state name "catalog-shard").</summary>
[GenerateSerializer]
public sealed class CatalogShardState
{
    [Id(0)]
    public Dictionary<string, ProductInfo> Products { get; set; } = [];
}
