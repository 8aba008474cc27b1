using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Tenders and tender types between the API and the register grain.</summary>
internal static class TenderMapping
{
    /// <summary>Maps a tender; <paramref name="position"/> (from 1) names it in the error for a missing type.</summary>
    public static TenderSpec ToGrain(this V1.Tender tender, int position) => new(
        ToGrain(tender.Type, position),
        tender.Amount,
        ProtoValues.OrNull(tender.CardToken),
        ProtoValues.OrNull(tender.CardBrand),
        ProtoValues.OrNull(tender.CardLast4),
        ProtoValues.OrNull(tender.GiftCardCode),
        ProtoValues.OrNull(tender.CustomerId),
        ProtoValues.OrNull(tender.HoldId),
        ProtoValues.OrNull(tender.GiftCardHash));

    public static List<TenderSpec> ToGrain(this IEnumerable<V1.Tender> tenders) => [.. tenders.Select((t, i) => t.ToGrain(i + 1))];

    public static TenderType ToGrain(V1.TenderType type, int position) => type switch
    {
        V1.TenderType.Cash => TenderType.Cash,
        V1.TenderType.Card => TenderType.Card,
        V1.TenderType.GiftCard => TenderType.GiftCard,
        V1.TenderType.LoyaltyPoints => TenderType.LoyaltyPoints,
        _ => throw PosException.Invalid($"Tender {position}: type is required (cash, card, gift card or loyalty points)."),
    };

    public static V1.TenderType ToProto(this TenderType type) => type switch
    {
        TenderType.Cash => V1.TenderType.Cash,
        TenderType.Card => V1.TenderType.Card,
        TenderType.GiftCard => V1.TenderType.GiftCard,
        TenderType.LoyaltyPoints => V1.TenderType.LoyaltyPoints,
        _ => V1.TenderType.Unspecified,
    };
}
