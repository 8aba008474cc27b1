using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.StoreAgent.Api;
using Google.Protobuf.WellKnownTypes;
using V1 = ChainPos.Api.V1;

namespace ChainPos.StoreAgent.Selling;

/// <summary>The two forms a sale is journaled in: the platform's CompleteSale request, and the agent-priced offline sale.</summary>
internal static class SaleRequests
{
    public static CompleteSaleRequest Online(string storeId, string registerId, SaleDto sale, LocalPrice price, IReadOnlyList<TakenTender> tenders, DateTimeOffset at)
    {
        var request = new CompleteSaleRequest
        {
            StoreId = storeId,
            RegisterId = registerId,
            SaleId = sale.SaleId,
            Currency = price.Store.Currency,
            CustomerId = sale.Basket.CustomerId ?? "",
            ExpectedTotal = price.Priced.Total,
            SupervisorId = sale.SupervisorId ?? "",
            SupervisorPin = sale.SupervisorPin ?? "",
            OccurredAt = Timestamp.FromDateTimeOffset(at),
            BasketDiscount = Discount(sale.Basket.DiscountBasisPoints, sale.Basket.DiscountAmount, "basket discount"),
        };
        request.CouponCodes.AddRange(sale.Basket.Coupons ?? []);
        request.Lines.AddRange(sale.Basket.Lines.Select(l => new SaleLine
        {
            Sku = l.Sku, Quantity = l.Quantity, Discount = Discount(l.DiscountBasisPoints, l.DiscountAmount, "line discount"),
            EmbeddedBarcode = l.Barcode ?? "",
        }));
        // The weight as priced (a weight label's, or typed in): the platform checks it against the label again.
        foreach (var (line, priced) in request.Lines.Zip(price.Priced.Lines))
        {
            if (priced.WeightGrams is { } grams)
            {
                line.WeightGrams = grams;
            }
        }

        request.Tenders.AddRange(tenders.Select(t => Tender(t, sale.Basket.CustomerId, maskGiftCard: false)));
        return request;
    }

    public static SubmitOfflineSaleRequest Offline(string storeId, string registerId, string shiftId, string cashierId, SaleDto sale, LocalPrice price, IReadOnlyList<TakenTender> tenders, DateTimeOffset at)
    {
        var p = price.Priced;
        var request = new SubmitOfflineSaleRequest
        {
            StoreId = storeId,
            RegisterId = registerId,
            SaleId = sale.SaleId,
            ShiftId = shiftId,
            CashierId = cashierId,
            Currency = price.Store.Currency,
            OccurredAt = Timestamp.FromDateTimeOffset(at),
            Subtotal = p.Subtotal,
            DiscountTotal = p.DiscountTotal,
            TaxTotal = p.TaxTotal,
            Total = p.Total,
            CustomerId = sale.Basket.CustomerId ?? "",
        };
        request.Lines.AddRange(p.Lines.Select(l =>
        {
            var line = new OfflineSaleLine
            {
                Sku = l.Sku, Name = price.Products[l.Sku].Name, Quantity = l.Quantity, UnitPrice = l.UnitPrice, Gross = l.Gross,
                Discount = l.PromotionDiscount + l.ManualDiscount + l.BasketDiscount, Net = l.Net, Tax = l.Tax, TaxClass = l.TaxClass,
                Promotions = { l.Promotions },
            };
            if (l.WeightGrams is { } grams)
            {
                line.WeightGrams = grams;
            }

            return line;
        }));
        request.Taxes.AddRange(p.Taxes.Select(t => new TaxAmount { TaxClass = t.TaxClass, RateBasisPoints = t.RateBasisPoints, Inclusive = t.Inclusive, Taxable = t.Taxable, Tax = t.Tax }));
        request.Promotions.AddRange(p.AppliedPromotions);
        // A gift card is kept only as its mask here: the journal never holds a usable code.
        request.Tenders.AddRange(tenders.Select(t => Tender(t, sale.Basket.CustomerId, maskGiftCard: true)));
        return request;
    }

    public static TenderInput ToDomain(TakenTender t) => new(t.Type switch
    {
        "cash" => TenderKind.Cash,
        "card" => TenderKind.Card,
        "giftcard" => TenderKind.GiftCard,
        _ => TenderKind.LoyaltyPoints,
    }, t.Amount);

    private static Tender Tender(TakenTender t, string? customerId, bool maskGiftCard) => new()
    {
        Type = t.Type switch
        {
            "cash" => TenderType.Cash,
            "card" => TenderType.Card,
            "giftcard" => TenderType.GiftCard,
            _ => TenderType.LoyaltyPoints,
        },
        Amount = t.Amount,
        CardToken = t.CardToken ?? "",
        CardBrand = t.CardBrand ?? "",
        CardLast4 = t.CardLast4 ?? "",
        GiftCardCode = t.GiftCardCode is { } code ? (maskGiftCard ? GiftCardCodes.Mask(code) : code) : "",
        CustomerId = t.Type == "points" ? customerId ?? "" : "",
        HoldId = maskGiftCard ? t.LeaseId ?? "" : "",
        GiftCardHash = maskGiftCard ? t.GiftCardHash ?? "" : "",
    };

    private static V1.Discount? Discount(int basisPoints, long amount, string reason) =>
        basisPoints == 0 && amount == 0 ? null : new V1.Discount { PercentBasisPoints = basisPoints, Amount = amount, Reason = reason };
}
