using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Stock;
using ChainPos.Abstractions.Stores;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Reports;

/// <summary>
/// Stock movement history and the low-stock list as both front doors (gRPC and the back-office JSON API) read them:
/// checks the caller (admin, or a store for its own location) and the input, then asks the stock grains and the index.
/// </summary>
public sealed class StockQueries(IGrainFactory grains)
{
    private const int DefaultMovements = 100;
    private const int MaxMovements = 500;

    /// <summary>A page of one SKU's movements at one location, newest first.</summary>
    public async Task<StockMovementPage> MovementsAsync(Caller caller, string locationId, string sku, int skip, int limit)
    {
        caller.RequireStore(locationId);
        Ids.Require(locationId, "location_id");
        if (skip < 0 || limit is < 0 or > MaxMovements)
        {
            throw PosException.Invalid($"skip must be >= 0 and limit 0..{MaxMovements} (got skip {skip}, limit {limit}).");
        }

        Ids.Require(sku, "sku");
        if ((await ShardOf(sku).GetAsync([sku])).Count == 0)
        {
            throw PosException.NotFound($"SKU '{sku}' is not in the catalogue.");
        }

        var stock = grains.Grain<ISkuStockGrain>(GrainKeys.Stock(locationId, sku));
        var page = await stock.GetMovementsAsync(skip, limit == 0 ? DefaultMovements : limit);
        if (page.Total == 0 && (await stock.GetAsync()) is { OnHand: 0, Reserved: 0 })
        {
            throw PosException.NotFound($"No stock of SKU '{sku}' has ever been booked at location '{locationId}'.");
        }

        return page;
    }

    /// <summary>The store's SKUs at or below their reorder point, with suggestions and draft purchase orders.</summary>
    public async Task<V1.LowStockReport> LowStockAsync(Caller caller, string storeId)
    {
        caller.RequireStore(storeId);
        Ids.Require(storeId, "store_id");
        _ = await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync()
            ?? throw PosException.NotFound($"Store '{storeId}' does not exist.");
        var low = await grains.Grain<ILowStockGrain>(GrainKeys.LowStock(storeId)).GetAsync();
        var found = await Task.WhenAll(low.Select(l => l.Sku).GroupBy(GrainKeys.CatalogShardOf)
            .Select(g => grains.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key)).GetAsync([.. g])));
        var products = found.SelectMany(f => f).ToDictionary(p => p.Sku, StringComparer.Ordinal);
        return LowStockMapping.ToReport(storeId, low, products);
    }

    /// <summary>The store's draft purchase order of one supplier (empty: the items without a supplier).</summary>
    public async Task<V1.DraftPurchaseOrder> DraftPurchaseOrderAsync(Caller caller, string storeId, string supplier)
    {
        if (supplier.Length > 0)
        {
            Ids.Require(supplier, "supplier");
        }

        var report = await LowStockAsync(caller, storeId);
        return report.Drafts.FirstOrDefault(d => d.Supplier == supplier)
            ?? throw PosException.NotFound(supplier.Length == 0
                ? $"Store '{storeId}' has no low-stock items without a supplier, so there is no unassigned draft purchase order."
                : $"Store '{storeId}' has no low-stock items of supplier '{supplier}', so there is no draft purchase order for it.");
    }

    private ICatalogShardGrain ShardOf(string sku) => grains.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(GrainKeys.CatalogShardOf(sku)));
}
