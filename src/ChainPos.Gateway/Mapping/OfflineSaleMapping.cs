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
        [.. r.Lines.Select(l => new OfflineSaleLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.Gross, l.Discount, l.Net, l.Tax, l.TaxClass, [.. l.Promotions], l.HasWeightGrams ? l.WeightGrams : null))],
        r.Subtotal,
        r.DiscountTotal,
        r.TaxTotal,
        r.Total,
        [.. r.Taxes.Select(t => new TaxView(t.TaxClass, t.RateBasisPoints, t.Inclusive, t.Taxable, t.Tax))],
        r.Tenders.ToGrain(),
        [.. r.Promotions],
        ProtoValues.OrNull(r.CustomerId),
        ProtoValues.OrNull(r.ApprovedBy));

    public static OfflineShiftOpenCommand ToGrain(this V1.SubmitOfflineShiftOpenRequest r) => new(
        r.ShiftId,
        r.RegisterSequence,
        r.CashierId,
        r.OpeningFloat,
        ProtoValues.ToDateTimeOffset(r.OpenedAt, "opened_at") ?? throw PosException.Invalid("opened_at is required for an offline shift."));

    public static V1.SubmitOfflineShiftOpenResponse ToProto(this OfflineShiftOpened opened) => new()
    {
        ShiftId = opened.ShiftId,
        Replayed = opened.Replayed,
        LastRegisterSequence = opened.LastRegisterSequence,
    };

    /// <summary>A sale record as an agent's return flow needs it: card tokens (never numbers), gift cards masked, what was returned per line.</summary>
    public static V1.FindSaleByReceiptResponse ToFoundSale(this SaleRecordView view)
    {
        var response = new V1.FindSaleByReceiptResponse
        {
            Receipt = view.Sale.Receipt.ToProto(),
            RegisterId = view.Sale.RegisterId,
            Voided = view.VoidId is not null,
            ApprovedBy = view.Sale.ApprovedBy ?? "",
        };
        response.Tenders.AddRange(view.Sale.Tenders.Select(t => new V1.Tender
        {
            Type = t.Type.ToProto(),
            Amount = t.Amount,
            CardToken = t.CardToken ?? "",
            CardBrand = t.CardBrand ?? "",
            CardLast4 = t.CardLast4 ?? "",
            GiftCardCode = t.GiftCardMask ?? "",
            CustomerId = t.CustomerId ?? "",
        }));
        response.Returned.AddRange(view.Returns.SelectMany(r => r.Lines)
            .GroupBy(l => l.LineNo)
            .OrderBy(g => g.Key)
            .Select(g => new V1.ReturnedLine { LineNo = g.Key, Quantity = g.Sum(l => l.Quantity), Net = g.Sum(l => l.Net), Tax = g.Sum(l => l.Tax) }));
        return response;
    }

    public static V1.SubmitOfflineSaleResponse ToProto(this OfflineSaleResult result) => new()
    {
        Receipt = result.Receipt.ToProto(),
        LateForClosedShift = result.LateForClosedShift,
        LastRegisterSequence = result.LastRegisterSequence,
    };
}
