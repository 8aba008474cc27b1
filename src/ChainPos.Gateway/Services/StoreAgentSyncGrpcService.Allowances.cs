using ChainPos.Abstractions;
using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Stores;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>
/// Allowances a store agent leases for offline spending. Only the agent of the register's store (or admin) may lease,
/// renew or return; the card or account checks the register owns the lease.
/// </summary>
public sealed partial class StoreAgentSyncGrpcService
{
    public override async Task<Allowance> AcquireAllowance(AcquireAllowanceRequest request, ServerCallContext context)
    {
        await RequireRegisterAsync(context, request.StoreId, request.RegisterId);
        if (request.Target?.TargetCase == AllowanceTarget.TargetOneofCase.GiftCardHash)
        {
            throw PosException.Invalid("An allowance is acquired with the gift card's code (the card presented at the register), not its hash.");
        }

        var (grain, target) = Target(request.Target);
        var view = await grain.LeaseAsync(request.LeaseId, request.StoreId, request.RegisterId, request.MaxAmount, Ttl(request.TtlSeconds));
        return await ToProtoAsync(view, grain, target);
    }

    public override async Task<Allowance> RenewAllowance(AllowanceRequest request, ServerCallContext context)
    {
        await RequireRegisterAsync(context, request.StoreId, request.RegisterId);
        var (grain, target) = Target(request.Target);
        var view = await grain.RenewLeaseAsync(request.LeaseId, request.StoreId, request.RegisterId, Ttl(request.TtlSeconds));
        return await ToProtoAsync(view, grain, target);
    }

    public override async Task<Allowance> ReturnAllowance(AllowanceRequest request, ServerCallContext context)
    {
        await RequireRegisterAsync(context, request.StoreId, request.RegisterId);
        var (grain, target) = Target(request.Target);
        var view = await grain.ReturnLeaseAsync(request.LeaseId, request.StoreId, request.RegisterId);
        return await ToProtoAsync(view, grain, target);
    }

    private async Task RequireRegisterAsync(ServerCallContext context, string storeId, string registerId)
    {
        context.GetCaller().RequireStore(storeId);
        Ids.Require(storeId, "store_id");
        Ids.Require(registerId, "register_id");
        var settings = await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync();
        if (settings is null || !settings.RegisterIds.Contains(registerId))
        {
            throw PosException.NotFound($"Register {storeId}/{registerId} is not configured.");
        }
    }

    private static TimeSpan Ttl(long seconds) => seconds is >= 60 and <= 7 * 24 * 3600
        ? TimeSpan.FromSeconds(seconds)
        : throw PosException.Invalid($"ttl_seconds must be 60 to 604800 (got {seconds}).");

    private (IAllowanceGrain Grain, AllowanceTarget Target) Target(AllowanceTarget? target)
    {
        switch (target?.TargetCase)
        {
            case AllowanceTarget.TargetOneofCase.GiftCardCode:
                if (!GiftCardCodes.IsValid(target.GiftCardCode))
                {
                    throw PosException.Invalid("gift_card_code must be a gift card code of 16 to 19 digits.");
                }

                var hash = GiftCardCodes.Hash(target.GiftCardCode);
                return (grains.Grain<IGiftCardGrain>(GrainKeys.GiftCard(hash)), new AllowanceTarget { GiftCardHash = hash });
            case AllowanceTarget.TargetOneofCase.GiftCardHash:
                if (target.GiftCardHash is not { Length: 64 } h || !h.All(char.IsAsciiHexDigitLower))
                {
                    throw PosException.Invalid("gift_card_hash must be the 64 lowercase hex digits an allowance answered.");
                }

                return (grains.Grain<IGiftCardGrain>(GrainKeys.GiftCard(h)), target);
            case AllowanceTarget.TargetOneofCase.CustomerId:
                Ids.Require(target.CustomerId, "customer_id");
                return (grains.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(target.CustomerId)), target);
            default:
                throw PosException.Invalid("target is required: a gift card code (or hash) or a customer id.");
        }
    }

    private static async Task<Allowance> ToProtoAsync(AllowanceView view, IAllowanceGrain grain, AllowanceTarget target)
    {
        var proto = new Allowance
        {
            LeaseId = view.LeaseId, StoreId = view.StoreId, RegisterId = view.RegisterId, Granted = view.Granted, Spent = view.Spent,
            Remaining = view.Remaining, ExpiresAt = ProtoValues.ToTimestamp(view.ExpiresAt), Status = view.Status.ToString().ToUpperInvariant(),
            AvailableAfter = view.AvailableAfter,
        };
        if (grain is IGiftCardGrain card)
        {
            var info = await card.GetAsync();
            proto.GiftCardHash = target.GiftCardHash;
            proto.MaskedCode = info.MaskedCode;
            proto.Currency = info.Currency ?? "";
        }
        else
        {
            proto.CustomerId = target.CustomerId;
        }

        return proto;
    }
}
