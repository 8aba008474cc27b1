namespace ChainPos.Abstractions.Checkout;

/// <summary>
/// A return the register refunded in cash while offline, against <see cref="OriginalSaleId"/> (a sale of the same register).
/// It takes its place in the register's offline order (<see cref="RegisterSequence"/>) and is counted on <see cref="ShiftId"/>;
/// <see cref="RefundTotal"/> is the cash handed out, which the platform's own working of the refund must match.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineReturnCommand")]
public sealed record OfflineReturnCommand(
    string ReturnId,
    long RegisterSequence,
    string ShiftId,
    string CashierId,
    string OriginalSaleId,
    IReadOnlyList<ReturnLineSpec> Lines,
    long RefundTotal,
    string Currency,
    DateTimeOffset OccurredAt,
    string? Reason);

/// <summary>The offline return as applied (its receipt; replayed on a retry), whether it was late for a closed shift, and where the offline order stands.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineReturnApplied")]
public sealed record OfflineReturnApplied(ReturnReceipt Receipt, bool LateForClosedShift, long LastRegisterSequence);
