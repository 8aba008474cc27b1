namespace ChainPos.Abstractions.Stock;

/// <summary>A SKU limited at a location: a register may lease at most <see cref="OfflineQuota"/> units of it to sell offline.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.SkuQuotaPolicy")]
public sealed record SkuQuotaPolicy(string Sku, long OfflineQuota);

/// <summary>
/// The SKUs limited at one location (stock policy offline quota above 0), fed by the location's stock grains when their
/// policy is set, so a store agent learns them without scanning any stock grain. Key: <see cref="GrainKeys.QuotaIndex"/>.
/// </summary>
public interface IStockQuotaIndexGrain : IGrainWithStringKey
{
    /// <summary>Lists a SKU with its quota, or unlists it at 0; a signal at or below the version held is ignored.</summary>
    Task SetAsync(string sku, long offlineQuota, long version);

    /// <summary>The limited SKUs and their quota, ordered by SKU.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SkuQuotaPolicy>> GetAsync();
}
