using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Baskets as the register rang them up: proto lines, discounts and sales to grain commands and back.</summary>
internal static class SaleMapping
{
    public static CompleteSaleCommand ToGrain(this V1.CompleteSaleRequest request) => new(
        request.SaleId,
        request.Currency,
        request.Lines.ToGrain(),
        request.Tenders.ToGrain(),
        ToGrain(request.BasketDiscount),
        [.. request.CouponCodes],
        ProtoValues.OrNull(request.CustomerId),
        request.HasExpectedTotal ? request.ExpectedTotal : null,
        ProtoValues.OrNull(request.SupervisorId),
        ProtoValues.OrNull(request.SupervisorPin),
        ProtoValues.ToDateTimeOffset(request.OccurredAt, "occurred_at"));

    public static List<SaleLineSpec> ToGrain(this IEnumerable<V1.SaleLine> lines) => [.. lines.Select(ToGrain)];

    public static SaleLineSpec ToGrain(this V1.SaleLine line) => new(
        ProtoValues.OrNull(line.Sku),
        line.Quantity,
        line.HasPriceOverride ? line.PriceOverride : null,
        ToGrain(line.Discount),
        ProtoValues.OrNull(line.GiftCardCode),
        line.GiftCardAmount,
        ProtoValues.OrNull(line.EmbeddedBarcode),
        line.HasWeightGrams ? line.WeightGrams : null);

    /// <summary>An absent discount, or one with neither a percent nor an amount, is no discount.</summary>
    public static DiscountSpec? ToGrain(V1.Discount? discount) =>
        discount is null || (discount.PercentBasisPoints == 0 && discount.Amount == 0)
            ? null
            : new DiscountSpec(discount.PercentBasisPoints, discount.Amount, discount.Reason);

    public static V1.SaleLine ToProto(this SaleLineSpec line)
    {
        var proto = new V1.SaleLine
        {
            Sku = line.Sku ?? "",
            Quantity = line.Quantity,
            Discount = line.Discount is { } d ? new V1.Discount { PercentBasisPoints = d.PercentBasisPoints, Amount = d.Amount, Reason = d.Reason } : null,
            GiftCardCode = line.GiftCardCode ?? "",
            GiftCardAmount = line.GiftCardAmount,
            EmbeddedBarcode = line.EmbeddedBarcode ?? "",
        };
        if (line.PriceOverride is { } price)
        {
            proto.PriceOverride = price;
        }

        if (line.WeightGrams is { } grams)
        {
            proto.WeightGrams = grams;
        }

        return proto;
    }
}
