namespace ChainPos.Abstractions.Checkout;

/// <summary>A line as the store agent priced it while offline (its catalogue copy, its promotions, its tax).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineSaleLine")]
public sealed record OfflineSaleLine(
    string Sku,
    string Name,
    int Quantity,
    long UnitPrice,
    long Gross,
    long Discount,
    long Net,
    long Tax,
    string TaxClass,
    IReadOnlyList<string> Promotions);

/// <summary>
/// A sale the register completed while it could not reach the platform. It carries what the customer
/// was actually charged (the platform records it; it does not re-price) and its original time.
/// <see cref="RegisterSequence"/> numbers the register's offline sales 1, 2, 3… so they apply in order.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineSaleCommand")]
public sealed record OfflineSaleCommand(
    string SaleId,
    long RegisterSequence,
    string ShiftId,
    string CashierId,
    string Currency,
    DateTimeOffset OccurredAt,
    IReadOnlyList<OfflineSaleLine> Lines,
    long Subtotal,
    long DiscountTotal,
    long TaxTotal,
    long Total,
    IReadOnlyList<TaxView> Taxes,
    IReadOnlyList<TenderSpec> Tenders,
    IReadOnlyList<string> Promotions,
    string? CustomerId = null);

/// <summary>The platform's receipt for an offline sale (the same on every retry), and where the register's offline order stands.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineSaleResult")]
public sealed record OfflineSaleResult(SaleReceipt Receipt, bool LateForClosedShift, long LastRegisterSequence);
