using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// No-sale drawer openings a store agent made while offline. They share the register's offline order with offline sales
/// and shift openings, so one made in a shift opened offline is applied after that shift, and they share their id with
/// <see cref="RecordCashMovementAsync"/>, so an online attempt whose answer was lost is counted once.
/// </summary>
internal sealed partial class RegisterGrain
{
    private const int MaxNoSaleReasonLength = 200;

    public async Task<OfflineNoSaleApplied> SubmitOfflineNoSaleAsync(OfflineNoSaleCommand command)
    {
        Ids.Require(command.OperationId, "operation_id");
        if (command.RegisterSequence < 1)
        {
            throw PosException.Invalid($"register_sequence must be 1 or more (got {command.RegisterSequence}).");
        }

        if (TryGetRecent(command.OperationId, out var seen))
        {
            if (seen.Kind != RecentKind.CashMovement)
            {
                throw new PosException(ErrorCode.AlreadyExists, $"Id '{command.OperationId}' was already used by another kind of transaction on register {_registerId}.");
            }

            // Already counted (a retry whose answer was lost, or the online attempt got through): it only takes its place in the order.
            if (command.RegisterSequence == S.LastOfflineSequence + 1)
            {
                S.LastOfflineSequence = command.RegisterSequence;
                await WriteOrResetAsync();
            }

            return new OfflineNoSaleApplied(command.OperationId, true, S.LastOfflineSequence);
        }

        if (command.RegisterSequence <= S.LastOfflineSequence)
        {
            throw new PosException(ErrorCode.AlreadyExists,
                $"Offline sequence {command.RegisterSequence} of register {_registerId} was already used; the journal must number each entry once.");
        }

        if (command.RegisterSequence != S.LastOfflineSequence + 1)
        {
            throw PosException.Precondition(
                $"Offline no-sale {command.RegisterSequence} arrived out of order: register {_registerId} expects offline entry {S.LastOfflineSequence + 1} next. Send the journal in order.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > MaxNoSaleReasonLength)
        {
            throw PosException.Invalid($"A no-sale needs a reason of 1..{MaxNoSaleReasonLength} characters.");
        }

        if (command.OccurredAt > Now + OfflineClockSkew)
        {
            throw PosException.Invalid("occurred_at is in the future; check the register's clock.");
        }

        Ids.Require(command.ShiftId, "shift_id");
        if (S.Shift is { } open && open.ShiftId == command.ShiftId)
        {
            open.NoSaleCount++;
        }
        else if (S.LastZReport is { } z && z.ShiftId == command.ShiftId)
        {
            S.LastZReport = z with { NoSaleCount = z.NoSaleCount + 1 };
        }
        else
        {
            throw PosException.Precondition(
                $"Shift '{command.ShiftId}' is neither the open shift nor the last closed shift of register {_registerId}; a no-sale belongs to the shift it was made in.");
        }

        S.LastOfflineSequence = command.RegisterSequence;
        Remember(command.OperationId, new RecentEntry { Kind = RecentKind.CashMovement, OccurredAt = command.OccurredAt, ExpectedCash = S.Shift?.ExpectedCash ?? 0 });
        await WriteOrResetAsync();
        return new OfflineNoSaleApplied(command.OperationId, false, S.LastOfflineSequence);
    }
}
