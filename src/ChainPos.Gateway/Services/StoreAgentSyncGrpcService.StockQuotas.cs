using ChainPos.Abstractions;
using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.Stock;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>
/// Offline quotas of limited SKUs a store agent leases for one of its registers. Only the agent of the register's store
/// (or admin) may lease, renew or return, and only stock of its own store (the store is the stock location); the stock
/// grain checks the register owns the lease.
/// </summary>
public sealed partial class StoreAgentSyncGrpcService
{
    public override async Task<StockQuota> AcquireStockQuota(AcquireStockQuotaRequest request, ServerCallContext context)
    {
        await RequireRegisterAsync(context, request.StoreId, request.RegisterId);
        var stock = QuotaStock(request.StoreId, request.Sku);
        if (request.MaxUnits <= 0)
        {
            throw PosException.Invalid($"max_units must be positive (got {request.MaxUnits}).");
        }

        var view = await stock.LeaseQuotaAsync(request.LeaseId, request.StoreId, request.RegisterId, request.MaxUnits, Ttl(request.TtlSeconds));
        return ToProto(view, request.Sku);
    }

    public override async Task<StockQuota> RenewStockQuota(StockQuotaRequest request, ServerCallContext context)
    {
        await RequireRegisterAsync(context, request.StoreId, request.RegisterId);
        var stock = QuotaStock(request.StoreId, request.Sku);
        var view = await stock.RenewQuotaAsync(request.LeaseId, request.StoreId, request.RegisterId, Ttl(request.TtlSeconds));
        return ToProto(view, request.Sku);
    }

    public override async Task<StockQuota> ReturnStockQuota(StockQuotaRequest request, ServerCallContext context)
    {
        await RequireRegisterAsync(context, request.StoreId, request.RegisterId);
        var stock = QuotaStock(request.StoreId, request.Sku);
        var view = await stock.ReturnQuotaAsync(request.LeaseId, request.StoreId, request.RegisterId);
        return ToProto(view, request.Sku);
    }

    public override async Task<GetStockQuotaPoliciesResponse> GetStockQuotaPolicies(GetStockQuotaPoliciesRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        var policies = await grains.Grain<IStockQuotaIndexGrain>(GrainKeys.QuotaIndex(request.StoreId)).GetAsync();
        var response = new GetStockQuotaPoliciesResponse();
        response.Policies.AddRange(policies.Select(p => new StockQuotaPolicy { Sku = p.Sku, OfflineQuota = p.OfflineQuota }));
        return response;
    }

    private ISkuStockGrain QuotaStock(string storeId, string sku)
    {
        Ids.Require(sku, "sku");
        return grains.Grain<ISkuStockGrain>(GrainKeys.Stock(storeId, sku));
    }

    private static StockQuota ToProto(AllowanceView view, string sku) => new()
    {
        LeaseId = view.LeaseId, StoreId = view.StoreId, RegisterId = view.RegisterId, Sku = sku, Granted = view.Granted, Sold = view.Spent,
        Remaining = view.Remaining, ExpiresAt = ProtoValues.ToTimestamp(view.ExpiresAt), Status = view.Status.ToString().ToUpperInvariant(),
        AvailableAfter = view.AvailableAfter,
    };
}
