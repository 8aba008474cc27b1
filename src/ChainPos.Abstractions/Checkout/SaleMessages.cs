namespace ChainPos.Abstractions.Checkout;

[GenerateSerializer, Immutable, Alias("chainpos.DiscountSpec")]
public sealed record DiscountSpec(int PercentBasisPoints, long Amount, string Reason);

/// <summary>
/// A line as rung up: a product, or (when <see cref="GiftCardCode"/> is set) a gift card load. <see cref="EmbeddedBarcode"/> is the
/// scale label (variable-measure EAN-13) the product was scanned with: a price label sells the line at its price, a weight
/// label at its weight. <see cref="WeightGrams"/> is the weight of a line sold by weight (from the label, or typed in).
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.SaleLineSpec")]
public sealed record SaleLineSpec(
    string? Sku,
    int Quantity,
    long? PriceOverride = null,
    DiscountSpec? Discount = null,
    string? GiftCardCode = null,
    long GiftCardAmount = 0,
    string? EmbeddedBarcode = null,
    int? WeightGrams = null);

[GenerateSerializer, Immutable, Alias("chainpos.CompleteSaleCommand")]
public sealed record CompleteSaleCommand(
    string SaleId,
    string Currency,
    IReadOnlyList<SaleLineSpec> Lines,
    IReadOnlyList<TenderSpec> Tenders,
    DiscountSpec? BasketDiscount = null,
    IReadOnlyList<string>? CouponCodes = null,
    string? CustomerId = null,
    long? ExpectedTotal = null,
    string? SupervisorId = null,
    string? SupervisorPin = null,
    DateTimeOffset? OccurredAt = null);

/// <summary>A priced receipt line; <see cref="WeightGrams"/> is set on a line sold by weight (its unit price is then per kilogram).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.PricedLineView")]
public sealed record PricedLineView(
    int LineNo,
    string Sku,
    string Name,
    int Quantity,
    long UnitPrice,
    long Gross,
    long Discount,
    long Net,
    long Tax,
    string TaxClass,
    IReadOnlyList<string> Promotions,
    string? GiftCardHash = null,
    int? WeightGrams = null);

[GenerateSerializer, Immutable, Alias("chainpos.TaxView")]
public sealed record TaxView(string TaxClass, int RateBasisPoints, bool Inclusive, long Taxable, long Tax);

/// <summary>The answer to a completed sale, the same on every retry (with <see cref="Replayed"/> set).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.SaleReceipt")]
public sealed record SaleReceipt(
    string SaleId,
    long ReceiptSequence,
    string ReceiptNumber,
    string Currency,
    IReadOnlyList<PricedLineView> Lines,
    long Subtotal,
    long DiscountTotal,
    long TaxTotal,
    long Total,
    IReadOnlyList<TaxView> Taxes,
    long Tendered,
    long Change,
    long PointsEarned,
    IReadOnlyList<string> Promotions,
    DateTimeOffset CompletedAt,
    bool Replayed = false);
