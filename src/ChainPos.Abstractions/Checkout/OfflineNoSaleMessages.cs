namespace ChainPos.Abstractions.Checkout;

/// <summary>
/// A no-sale drawer opening the register made while offline. It takes its place in the register's offline order
/// (<see cref="RegisterSequence"/>) and is counted on <see cref="ShiftId"/>; <see cref="OperationId"/> is shared with
/// <see cref="CashMovementCommand.OperationId"/>, so an online attempt that got through is applied once.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineNoSaleCommand")]
public sealed record OfflineNoSaleCommand(string OperationId, long RegisterSequence, string ShiftId, string Reason, DateTimeOffset OccurredAt);

/// <summary>The offline no-sale as applied (<see cref="Replayed"/> on a retry), and where the register's offline order stands.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.OfflineNoSaleApplied")]
public sealed record OfflineNoSaleApplied(string OperationId, bool Replayed, long LastRegisterSequence);
