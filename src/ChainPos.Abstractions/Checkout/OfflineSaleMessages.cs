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
    IReadOnlyList<string> Promotions,
    int? WeightGrams = null);

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
    string? CustomerId = null,
    string? ApprovedBy = null);

/// <summary>
/// A shift the register opened while offline: the agent checked the cashier's PIN against the cached verifier.
/// It takes its place in the register's offline order (<see cref="RegisterSequence"/>), before the sales rung up in it.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineShiftOpenCommand")]
public sealed record OfflineShiftOpenCommand(string ShiftId, long RegisterSequence, string CashierId, long OpeningFloat, DateTimeOffset OpenedAt);

/// <summary>The offline shift as applied (<see cref="Replayed"/> on a retry), and where the register's offline order stands.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineShiftOpened")]
public sealed record OfflineShiftOpened(string ShiftId, bool Replayed, long LastRegisterSequence);

/// <summary>The platform's receipt for an offline sale (the same on every retry), and where the register's offline order stands.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineSaleResult")]
public sealed record OfflineSaleResult(SaleReceipt Receipt, bool LateForClosedShift, long LastRegisterSequence);
