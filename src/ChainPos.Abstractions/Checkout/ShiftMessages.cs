namespace ChainPos.Abstractions.Checkout;

[GenerateSerializer]
public enum CashMovementType
{
    PaidIn = 1,
    PaidOut = 2,
    NoSale = 3,
}

[GenerateSerializer, Immutable, Alias("chainpos.OpenShiftCommand")]
public sealed record OpenShiftCommand(string ShiftId, string CashierId, string CashierPin, long OpeningFloat);

[GenerateSerializer, Immutable, Alias("chainpos.ShiftOpened")]
public sealed record ShiftOpened(string ShiftId, DateTimeOffset OpenedAt, long NextReceiptSequence);

[GenerateSerializer, Immutable, Alias("chainpos.TenderTotalView")]
public sealed record TenderTotalView(TenderType Type, long Amount, int Count);

/// <summary>
/// An X-report (open shift) or Z-report (closed). <see cref="LateSalesCount"/>/<see cref="LateSalesTotal"/>: offline
/// sales of this shift that reached the platform after it closed (already included in the totals above); likewise
/// <see cref="LateRefundsCount"/>/<see cref="LateRefundsTotal"/> for cash returns refunded offline in it.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.ShiftReportView")]
public sealed record ShiftReportView(
    string StoreId,
    string RegisterId,
    string ShiftId,
    string CashierId,
    string Currency,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    long OpeningFloat,
    int SalesCount,
    long SalesTotal,
    int RefundsCount,
    long RefundsTotal,
    long DiscountsTotal,
    long TaxTotal,
    IReadOnlyList<TenderTotalView> Tenders,
    long PaidIn,
    long PaidOut,
    int NoSaleCount,
    long ExpectedCash,
    long CountedCash,
    long CashVariance,
    long FirstReceiptSequence,
    long LastReceiptSequence,
    int LateSalesCount = 0,
    long LateSalesTotal = 0,
    int LateRefundsCount = 0,
    long LateRefundsTotal = 0);

[GenerateSerializer, Immutable, Alias("chainpos.CashMovementCommand")]
public sealed record CashMovementCommand(string OperationId, CashMovementType Type, long Amount, string Reason);
