using ChainPos.Abstractions;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Services;

/// <summary>
/// Gift cards, addressed by the hash of their code. The code is checked and hashed here and never
/// logged or returned; only its mask is.
/// </summary>
public sealed class GiftCardGrpcService(IGrainFactory grains, ILogger<GiftCardGrpcService> logger) : GiftCardService.GiftCardServiceBase
{
    /// <summary>A hold placed before the sale lives this long; the sale extends it when it claims the hold.</summary>
    public static readonly TimeSpan HoldTtl = TimeSpan.FromMinutes(10);

    public override async Task<GiftCardBalance> IssueGiftCard(IssueGiftCardRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.RequireAdmin();
        var (card, mask) = Card(request.Code);
        Ids.Require(request.OperationId, "operation_id");
        if (request.Amount <= 0)
        {
            throw PosException.Invalid($"amount must be greater than 0 (got {request.Amount}).");
        }

        Currencies.Require(request.Currency);
        var view = await card.LoadAsync(request.OperationId, request.Amount, request.Currency, mask);
        logger.GiftCardIssued(mask, request.Amount, request.Currency, caller.Name, request.OperationId);
        return view.ToProto(mask);
    }

    public override async Task<GiftCardBalance> GetGiftCardBalance(GetGiftCardBalanceRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStoreOrAdmin();
        var (card, mask) = Card(request.Code);
        return (await card.GetAsync()).ToProto(mask);
    }

    public override async Task<GiftCardHold> HoldGiftCard(HoldGiftCardRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStoreOrAdmin();
        var (card, mask) = Card(request.Code);
        Ids.Require(request.HoldId, "hold_id");
        Currencies.Require(request.Currency);
        var hold = await card.HoldAsync(request.HoldId, request.Amount, request.Currency, HoldTtl, owner: null);
        return hold.ToGiftCardHold(mask);
    }

    public override async Task<GiftCardHold> VoidGiftCardHold(VoidGiftCardHoldRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStoreOrAdmin();
        var (card, mask) = Card(request.Code);
        Ids.Require(request.HoldId, "hold_id");
        return (await card.VoidHoldAsync(request.HoldId)).ToGiftCardHold(mask);
    }

    private (IGiftCardGrain Card, string Mask) Card(string code)
    {
        if (!GiftCardCodes.IsValid(code))
        {
            throw PosException.Invalid("code must be a gift card code of 16 to 19 digits (spaces and dashes are ignored).");
        }

        return (grains.Grain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code))), GiftCardCodes.Mask(code));
    }
}
