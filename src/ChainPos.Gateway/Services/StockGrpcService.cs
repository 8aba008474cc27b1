using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Stock;
using ChainPos.Abstractions.Stores;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;
using StockLevel = ChainPos.Api.V1.StockLevel;

namespace ChainPos.Gateway.Services;

/// <summary>Stock of a location: a store agent reaches its own store's location, admin any.</summary>
public sealed class StockGrpcService(IGrainFactory grains) : StockService.StockServiceBase
{
    public override async Task<GetStockResponse> GetStock(GetStockRequest request, ServerCallContext context)
    {
        RequireLocation(context, request.LocationId);
        RequestLimits.Between1And(request.Skus.Count, RequestLimits.MaxSkusPerRead, "SKUs");
        foreach (var sku in request.Skus)
        {
            Ids.Require(sku, "sku");
        }

        var levels = await Task.WhenAll(request.Skus.Distinct(StringComparer.Ordinal).Select(sku => Stock(request.LocationId, sku).GetAsync()));
        return new GetStockResponse { Levels = { levels.Select(l => l.ToProto()) } };
    }

    public override Task<StockLevel> ReceiveStock(StockOperationRequest request, ServerCallContext context) =>
        ApplyAsync(request, StockOperationKind.Receive, context);

    public override Task<StockLevel> AdjustStock(StockOperationRequest request, ServerCallContext context) =>
        ApplyAsync(request, StockOperationKind.Adjust, context);

    public override Task<StockLevel> CountStock(StockOperationRequest request, ServerCallContext context) =>
        ApplyAsync(request, StockOperationKind.Count, context);

    public override async Task<TransferStockResponse> TransferStock(TransferStockRequest request, ServerCallContext context)
    {
        RequireLocation(context, request.FromLocationId);
        Ids.Require(request.ToLocationId, "to_location_id");
        await RequireProductAsync(request.Sku);
        Ids.Require(request.OperationId, "operation_id");
        var operation = new StockOperation(request.OperationId, StockOperationKind.TransferOut, request.Quantity,
            ProtoValues.OrNull(request.Reason), request.ToLocationId);
        var from = await Stock(request.FromLocationId, request.Sku).ApplyOperationAsync(operation);
        var to = await Stock(request.ToLocationId, request.Sku).GetAsync();
        return new TransferStockResponse { From = from.ToProto(), To = to.ToProto() };
    }

    public override async Task<StockLevel> SetStockPolicy(SetStockPolicyRequest request, ServerCallContext context)
    {
        RequireLocation(context, request.LocationId);
        Ids.Require(request.Sku, "sku");
        return (await Stock(request.LocationId, request.Sku).SetPolicyAsync(request.SafetyStock, request.ReorderPoint, request.TargetLevel)).ToProto();
    }

    public override async Task<GetStockMovementsResponse> GetStockMovements(GetStockMovementsRequest request, ServerCallContext context)
    {
        RequireLocation(context, request.LocationId);
        if (request.Skip < 0 || request.Limit is < 0 or > MaxMovements)
        {
            throw PosException.Invalid($"skip must be >= 0 and limit 0..{MaxMovements} (got skip {request.Skip}, limit {request.Limit}).");
        }

        await RequireProductAsync(request.Sku);
        var stock = Stock(request.LocationId, request.Sku);
        var page = await stock.GetMovementsAsync(request.Skip, request.Limit == 0 ? DefaultMovements : request.Limit);
        if (page.Total == 0 && (await stock.GetAsync()) is { OnHand: 0, Reserved: 0 })
        {
            throw PosException.NotFound($"No stock of SKU '{request.Sku}' has ever been booked at location '{request.LocationId}'.");
        }

        return new GetStockMovementsResponse { Movements = { page.Movements.Select(m => m.ToProto()) }, Total = page.Total };
    }

    public override async Task<LowStockReport> GetLowStock(GetLowStockRequest request, ServerCallContext context)
    {
        RequireLocation(context, request.StoreId);
        _ = await grains.GetGrain<IStoreGrain>(GrainKeys.Store(request.StoreId)).GetAsync()
            ?? throw PosException.NotFound($"Store '{request.StoreId}' does not exist.");
        var low = await grains.GetGrain<ILowStockGrain>(GrainKeys.LowStock(request.StoreId)).GetAsync();
        var names = await ProductNamesAsync(low.Select(l => l.Sku));
        return LowStockMapping.ToReport(request.StoreId, low, names);
    }

    private async Task<StockLevel> ApplyAsync(StockOperationRequest request, StockOperationKind kind, ServerCallContext context)
    {
        RequireLocation(context, request.LocationId);
        await RequireProductAsync(request.Sku);
        return (await Stock(request.LocationId, request.Sku).ApplyOperationAsync(request.ToGrain(kind))).ToProto();
    }

    private static void RequireLocation(ServerCallContext context, string locationId)
    {
        context.GetCaller().RequireStore(locationId);
        Ids.Require(locationId, "location_id");
    }

    /// <summary>Booking goods of a SKU the catalogue does not know is almost always a typo.</summary>
    private async Task RequireProductAsync(string sku)
    {
        Ids.Require(sku, "sku");
        var found = await grains.GetGrain<ICatalogShardGrain>(GrainKeys.CatalogShard(GrainKeys.CatalogShardOf(sku))).GetAsync([sku]);
        if (found.Count == 0)
        {
            throw PosException.NotFound($"SKU '{sku}' is not in the catalogue; add the product before booking stock for it.");
        }
    }

    private const int DefaultMovements = 100;
    private const int MaxMovements = 500;

    private async Task<Dictionary<string, string>> ProductNamesAsync(IEnumerable<string> skus)
    {
        var byShard = skus.GroupBy(GrainKeys.CatalogShardOf);
        var found = await Task.WhenAll(byShard.Select(g => grains.GetGrain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key)).GetAsync([.. g])));
        return found.SelectMany(f => f).ToDictionary(p => p.Sku, p => p.Name, StringComparer.Ordinal);
    }

    private ISkuStockGrain Stock(string locationId, string sku) => grains.GetGrain<ISkuStockGrain>(GrainKeys.Stock(locationId, sku));
}
