using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Stores;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

public sealed partial class CheckoutGrpcService
{
    public override async Task<SuspendSaleResponse> SuspendSale(SuspendSaleRequest request, ServerCallContext context)
    {
        var parked = await ParkedSalesAsync(context, request.StoreId, request.RegisterId);
        ParkedBasketRules.Validate(request);
        var sale = await parked.SuspendAsync(request.ToGrain(time.GetUtcNow()));
        return new SuspendSaleResponse { SuspendId = sale.SuspendId, SuspendedAt = ProtoValues.ToTimestamp(sale.SuspendedAt) };
    }

    public override async Task<ResumeSaleResponse> ResumeSale(ResumeSaleRequest request, ServerCallContext context)
    {
        var parked = await ParkedSalesAsync(context, request.StoreId, request.RegisterId);
        Ids.Require(request.SuspendId, "suspend_id");
        return new ResumeSaleResponse { Sale = (await parked.ResumeAsync(request.SuspendId)).ToProto() };
    }

    public override async Task<ListSuspendedSalesResponse> ListSuspendedSales(ListSuspendedSalesRequest request, ServerCallContext context)
    {
        var parked = await ParkedSalesAsync(context, request.StoreId, registerId: null);
        return new ListSuspendedSalesResponse { Sales = { (await parked.ListAsync()).Select(s => s.ToProto()) } };
    }

    /// <summary>The store's parked baskets, after checking the caller, the store and (when given) the register.</summary>
    private async Task<ISuspendedSalesGrain> ParkedSalesAsync(ServerCallContext context, string storeId, string? registerId)
    {
        context.GetCaller().RequireStore(storeId);
        Ids.Require(storeId, "store_id");
        if (registerId is not null)
        {
            Ids.Require(registerId, "register_id");
        }

        var settings = await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync()
            ?? throw PosException.NotFound($"Store '{storeId}' does not exist.");
        if (registerId is not null && !settings.RegisterIds.Contains(registerId))
        {
            throw PosException.NotFound($"Register '{registerId}' is not a register of store '{storeId}'.");
        }

        return grains.Grain<ISuspendedSalesGrain>(GrainKeys.SuspendedSales(storeId));
    }
}
