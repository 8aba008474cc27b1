using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Stock;
using ChainPos.Abstractions.Stores;

namespace ChainPos.Grains.Tests;

/// <summary><see cref="GrainFactoryExtensions.Grain{T}"/> makes the same references as Orleans' <c>GetGrain</c>, for each interface.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferenceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Cached_references_address_the_same_grains_as_GetGrain()
    {
        var storeId = await fixture.CreateStoreAsync(ClusterFixture.NewId("ref"));
        var grains = fixture.Grains;

        Assert.Equal(grains.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).GetGrainId(), grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetGrainId());
        Assert.Equal(grains.GetGrain<ISkuStockGrain>(GrainKeys.Stock(storeId, "A")).GetGrainId(), grains.Grain<ISkuStockGrain>(GrainKeys.Stock(storeId, "A")).GetGrainId());
        Assert.Equal(grains.GetGrain<ICatalogShardGrain>(GrainKeys.CatalogShard(3)).GetGrainId(), grains.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(3)).GetGrainId());
        Assert.NotEqual(grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetGrainId(), grains.Grain<IStoreGrain>(GrainKeys.Store(storeId + "x")).GetGrainId());

        // A call through either reaches the same activation and state.
        var settings = await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync();
        Assert.Equal(storeId, settings?.StoreId);
        Assert.Null(await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId + "-none")).GetAsync());
    }
}
