using ChainPos.Abstractions.Checkout;

namespace ChainPos.Abstractions.Reports;

/// <summary>One committed sale as the register's outbox hands it to the reports, with the outbox sequence it carries.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.ReportedSale")]
public sealed record ReportedSale(long Sequence, SaleRecordData Sale);

/// <summary>Whether a refund took back part of a sale (a return) or the whole sale (a void of the open shift).</summary>
[GenerateSerializer]
public enum RefundKind
{
    Return = 1,
    Void = 2,
}

/// <summary>
/// What a committed return or void takes back, as the register's outbox hands it to the reports. Amounts are
/// positive. <see cref="Lines"/> are the lines refunded (a void's gift card loads carry their card hash);
/// <see cref="Taxes"/> the tax refunded per class and rate (taxable = the lines' net, as on a receipt);
/// <see cref="Tenders"/> how the refund was paid out (a voided cash tender net of the change given);
/// <see cref="PointsClawedBack"/> the loyalty points taken back from the customer.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.RefundReport")]
public sealed record RefundReport(
    RefundKind Kind,
    string TransactionId,
    string? OriginalSaleId,
    string Currency,
    DateTimeOffset OccurredAt,
    IReadOnlyList<PricedLineView> Lines,
    IReadOnlyList<TaxView> Taxes,
    long Total,
    long TaxTotal,
    IReadOnlyList<TenderRecord> Tenders,
    long PointsClawedBack);

/// <summary>One committed return or void with the register outbox sequence it carries.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.ReportedRefund")]
public sealed record ReportedRefund(long Sequence, RefundReport Refund);

/// <summary>Returns and voids of one register for one store-day, in outbox order; <see cref="Categories"/> maps SKUs to categories.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.DayRefundsBatch")]
public sealed record DayRefundsBatch(
    string RegisterId,
    IReadOnlyList<ReportedRefund> Refunds,
    IReadOnlyDictionary<string, string> Categories);

/// <summary>
/// The share of a committed web order fulfilled by one store (the units allocated there), as the feed hands it to
/// that store's business day: lines at the reserved catalogue price, priced with the store's tax rates as a till
/// sale would be (tax contained in the price where the store's rate is inclusive, added on top where it is
/// exclusive), the local hour of the commit. De-duplicated by <see cref="OrderId"/>; <see cref="SentAt"/> is when the
/// feed sent it, so a delivery older than the store-day's de-duplication window is refused rather than risked.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.WebOrderSale")]
public sealed record WebOrderSale(
    string OrderId,
    string Currency,
    DateTimeOffset CommittedAt,
    int LocalHour,
    IReadOnlyList<PricedLineView> Lines,
    IReadOnlyList<TaxView> Taxes,
    IReadOnlyDictionary<string, string> Categories,
    DateTimeOffset SentAt = default)
{
    /// <summary>Goods at the catalogue price (no discounts), as the subtotal of a till sale.</summary>
    public long Subtotal => Lines.Sum(l => l.Net);

    /// <summary>What the customer pays: the lines plus the tax of exclusive rates.</summary>
    public long Total => Subtotal + Taxes.Where(t => !t.Inclusive).Sum(t => t.Tax);

    public long TaxTotal => Taxes.Sum(t => t.Tax);
}

/// <summary>Amount and count of one bucket (an hour, a tender, a register).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.AmountCount")]
public sealed record AmountCount(string Key, long Amount, int Count);

/// <summary>Revenue of one tax class and rate: net of tax (taxable minus tax when inclusive), tax, and gross.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.TaxRateTotal")]
public sealed record TaxRateTotal(string TaxClass, int RateBasisPoints, long Net, long Tax, long Gross);

/// <summary>Sales of one SKU: units and net amount (after discounts, tax included as on the receipt).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.SkuSales")]
public sealed record SkuSales(string Sku, string Name, string Category, long Quantity, long Net);

/// <summary>
/// The sales of one store (or the chain) on one business day. Amounts are minor units of <see cref="Currency"/>.
/// <see cref="Hours"/> has 24 entries, keyed "00".."23" in the store's time zone.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.DaySalesView")]
public sealed record DaySalesView(
    string StoreId,
    string Day,
    string Currency,
    int SalesCount,
    long Items,
    long Subtotal,
    long DiscountTotal,
    long TaxTotal,
    long Total,
    long GiftCardsSold,
    long GiftCardsRedeemed,
    long PointsEarned,
    long PointsRedeemed,
    IReadOnlyList<AmountCount> Hours,
    IReadOnlyList<AmountCount> Tenders,
    IReadOnlyList<TaxRateTotal> TaxRates,
    IReadOnlyList<AmountCount> Registers,
    IReadOnlyList<AmountCount> Categories,
    IReadOnlyList<SkuSales> TopSkus,
    long OtherSkusNet,
    DateTimeOffset? LastSaleAt,
    int ReturnsCount = 0,
    long ReturnsTotal = 0,
    long ReturnsTax = 0,
    int VoidsCount = 0,
    long VoidsTotal = 0,
    long VoidsTax = 0,
    int WebOrdersCount = 0,
    long WebOrdersTotal = 0)
{
    /// <summary>What stayed with the store: sales minus returns and voids, tax included.</summary>
    public long NetTotal => Total - ReturnsTotal - VoidsTotal;

    /// <summary>Tax of <see cref="NetTotal"/>.</summary>
    public long NetTaxTotal => TaxTotal - ReturnsTax - VoidsTax;
}

/// <summary>
/// Sales of one register for one store-day, as the feed forwards them: <see cref="LocalHours"/>[i] is the hour
/// (0–23, store time zone) of <see cref="Sales"/>[i]; <see cref="Categories"/> maps SKUs to catalogue categories.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.DaySalesBatch")]
public sealed record DaySalesBatch(
    string RegisterId,
    IReadOnlyList<ReportedSale> Sales,
    IReadOnlyList<int> LocalHours,
    IReadOnlyDictionary<string, string> Categories);

/// <summary>
/// The chain on one business day: every store that sold, and (when they all share one currency) their sum in
/// <see cref="Total"/>; the total is null when stores use different currencies.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.ChainDaySalesView")]
public sealed record ChainDaySalesView(string Day, DaySalesView? Total, IReadOnlyList<DaySalesView> Stores);
