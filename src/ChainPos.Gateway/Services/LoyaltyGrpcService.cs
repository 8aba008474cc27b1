using ChainPos.Abstractions;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Stores;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>Loyalty accounts for store agents and admin. Accounts are chain-wide; holds are placed for a store.</summary>
public sealed class LoyaltyGrpcService(IGrainFactory grains) : LoyaltyService.LoyaltyServiceBase
{
    /// <summary>A points hold placed before the sale lives this long; the sale extends it when it claims the hold.</summary>
    public static readonly TimeSpan HoldTtl = TimeSpan.FromMinutes(10);

    public override async Task<LoyaltyAccount> EnrolCustomer(EnrolCustomerRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.RequireStoreOrAdmin();
        caller.RequireStore(request.StoreId);
        Ids.Require(request.CustomerId, "customer_id");
        Ids.Require(request.StoreId, "store_id");
        var account = await Account(request.CustomerId).EnrolAsync(request.DisplayName, ProtoValues.OrNull(request.Email), request.StoreId);
        return account.ToProto();
    }

    public override async Task<LoyaltyAccount> GetLoyaltyAccount(GetLoyaltyAccountRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStoreOrAdmin();
        Ids.Require(request.CustomerId, "customer_id");
        var account = await Account(request.CustomerId).GetAsync()
            ?? throw PosException.NotFound($"Customer '{request.CustomerId}' is not enrolled in loyalty.");
        return account.ToProto();
    }

    public override async Task<PointsHold> HoldPoints(HoldPointsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.RequireStoreOrAdmin();
        caller.RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        Ids.Require(request.CustomerId, "customer_id");
        Ids.Require(request.HoldId, "hold_id");
        var rule = await RuleOfAsync(request.StoreId);
        var hold = await Account(request.CustomerId).HoldPointsAsync(request.HoldId, request.Points, HoldTtl, owner: null);
        return hold.ToPointsHold(LoyaltyRules.PointsValue(hold.Amount, rule));
    }

    /// <summary>The hold's value is given in the caller's store's terms; for admin, who has no store, it is 0.</summary>
    public override async Task<PointsHold> VoidPointsHold(VoidPointsHoldRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.RequireStoreOrAdmin();
        Ids.Require(request.CustomerId, "customer_id");
        Ids.Require(request.HoldId, "hold_id");
        var hold = await Account(request.CustomerId).VoidHoldAsync(request.HoldId);
        var value = caller.StoreId is { } storeId ? LoyaltyRules.PointsValue(hold.Amount, await RuleOfAsync(storeId)) : 0;
        return hold.ToPointsHold(value);
    }

    private async Task<LoyaltyRule> RuleOfAsync(string storeId)
    {
        var settings = await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync()
            ?? throw PosException.NotFound($"Store '{storeId}' does not exist.");
        var l = settings.Loyalty;
        return new LoyaltyRule(l.PointsPerMajorUnit, l.MinorPerPoint, l.SilverSpend, l.GoldSpend);
    }

    private ILoyaltyAccountGrain Account(string customerId) => grains.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(customerId));
}
