using ChainPos.Abstractions;
using ChainPos.Abstractions.GiftCards;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Gift card balances and holds; only the masked code ever leaves.</summary>
internal static class GiftCardMapping
{
    public static V1.GiftCardBalance ToProto(this GiftCardView card, string maskedCode) => new()
    {
        MaskedCode = card.Issued ? card.MaskedCode : maskedCode,
        Currency = card.Currency ?? "",
        Balance = card.Balance,
        Available = card.Available,
        Status = card.Issued ? "ACTIVE" : "NOT_ISSUED",
    };

    public static V1.GiftCardHold ToGiftCardHold(this HoldView hold, string maskedCode) => new()
    {
        HoldId = hold.HoldId,
        MaskedCode = maskedCode,
        Amount = hold.Amount,
        ExpiresAt = ProtoValues.ToTimestamp(hold.ExpiresAt),
        Status = hold.Status.ToProto(),
        Available = hold.AvailableAfter,
    };
}
