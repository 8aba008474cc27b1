using System.Text;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Stock;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using ChainPos.Gateway.Reports;
using Google.Protobuf;
using Grpc.Core;
using StockLevel = ChainPos.Api.V1.StockLevel;

namespace ChainPos.Gateway.Services;

/// <summary>Stock of a location: a store agent reaches its own store's location, admin any.</summary>
public sealed class StockGrpcService(IGrainFactory grains, StockQueries stockQueries) : StockService.StockServiceBase
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
        return (await Stock(request.LocationId, request.Sku).SetPolicyAsync(request.SafetyStock, request.ReorderPoint, request.TargetLevel, request.OfflineQuota)).ToProto();
    }

    public override async Task<GetStockMovementsResponse> GetStockMovements(GetStockMovementsRequest request, ServerCallContext context)
    {
        var page = await stockQueries.MovementsAsync(context.GetCaller(), request.LocationId, request.Sku, request.Skip, request.Limit);
        return new GetStockMovementsResponse { Movements = { page.Movements.Select(m => m.ToProto()) }, Total = page.Total };
    }

    public override Task<LowStockReport> GetLowStock(GetLowStockRequest request, ServerCallContext context) =>
        stockQueries.LowStockAsync(context.GetCaller(), request.StoreId);

    public override async Task<PurchaseOrderFile> ExportDraftPurchaseOrder(ExportDraftPurchaseOrderRequest request, ServerCallContext context)
    {
        var draft = await stockQueries.DraftPurchaseOrderAsync(context.GetCaller(), request.StoreId, request.Supplier);
        return new PurchaseOrderFile
        {
            FileName = PurchaseOrderCsv.FileName(draft),
            ContentType = "text/csv",
            Content = ByteString.CopyFrom(PurchaseOrderCsv.ToCsv(draft), Encoding.UTF8),
        };
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
        var found = await grains.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(GrainKeys.CatalogShardOf(sku))).GetAsync([sku]);
        if (found.Count == 0)
        {
            throw PosException.NotFound($"SKU '{sku}' is not in the catalogue; add the product before booking stock for it.");
        }
    }

    private ISkuStockGrain Stock(string locationId, string sku) => grains.Grain<ISkuStockGrain>(GrainKeys.Stock(locationId, sku));
}
