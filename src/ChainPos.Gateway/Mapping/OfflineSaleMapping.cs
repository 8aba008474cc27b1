using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Offline sales from a store agent's journal to the register grain and back.</summary>
internal static class OfflineSaleMapping
{
    public static OfflineSaleCommand ToGrain(this V1.SubmitOfflineSaleRequest r) => new(
        r.SaleId,
        r.RegisterSequence,
        r.ShiftId,
        r.CashierId,
        r.Currency,
        ProtoValues.ToDateTimeOffset(r.OccurredAt, "occurred_at") ?? throw PosException.Invalid("occurred_at is required for an offline sale."),
        [.. r.Lines.Select(l => new OfflineSaleLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.Gross, l.Discount, l.Net, l.Tax, l.TaxClass, [.. l.Promotions]))],
        r.Subtotal,
        r.DiscountTotal,
        r.TaxTotal,
        r.Total,
        [.. r.Taxes.Select(t => new TaxView(t.TaxClass, t.RateBasisPoints, t.Inclusive, t.Taxable, t.Tax))],
        r.Tenders.ToGrain(),
        [.. r.Promotions],
        ProtoValues.OrNull(r.CustomerId));

    public static V1.SubmitOfflineSaleResponse ToProto(this OfflineSaleResult result) => new()
    {
        Receipt = result.Receipt.ToProto(),
        LateForClosedShift = result.LateForClosedShift,
        LastRegisterSequence = result.LastRegisterSequence,
    };
}
