using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// Cash returns a store agent refunded while offline, against a sale of the same register. They share the register's offline
/// order with offline sales, shift openings and no-sales (so one against an offline sale applies after that sale), and their id
/// with <see cref="ReturnAsync"/>. The cash was handed out already: the platform applies the return only if the sale still takes
/// it and its own refund matches the cash, otherwise it refuses it whole (the agent keeps it for the manager).
/// </summary>
internal sealed partial class RegisterGrain
{
    public async Task<OfflineReturnApplied> SubmitOfflineReturnAsync(OfflineReturnCommand command)
    {
        Ids.Require(command.ReturnId, "return_id");
        if (command.RegisterSequence < 1)
        {
            throw PosException.Invalid($"register_sequence must be 1 or more (got {command.RegisterSequence}).");
        }

        if (TryGetRecent(command.ReturnId, out var seen))
        {
            var done = seen.Return ?? throw new PosException(ErrorCode.AlreadyExists,
                $"Id '{command.ReturnId}' was already used by another kind of transaction on register {_registerId}.");

            // Already applied (a retry whose answer was lost, or an online attempt that got through): it only takes its place in the order.
            if (command.RegisterSequence == S.LastOfflineSequence + 1)
            {
                S.LastOfflineSequence = command.RegisterSequence;
                await WriteOrResetAsync();
            }

            return new OfflineReturnApplied(done with { Replayed = true }, S.LastZReport?.ShiftId == command.ShiftId, S.LastOfflineSequence);
        }

        if (command.RegisterSequence <= S.LastOfflineSequence)
        {
            throw new PosException(ErrorCode.AlreadyExists,
                $"Offline sequence {command.RegisterSequence} of register {_registerId} was already used; the journal must number each entry once.");
        }

        if (command.RegisterSequence != S.LastOfflineSequence + 1)
        {
            throw PosException.Precondition(
                $"Offline return {command.RegisterSequence} arrived out of order: register {_registerId} expects offline entry {S.LastOfflineSequence + 1} next. Send the journal in order.");
        }

        ValidateOfflineReturn(command);
        var settings = await RequireSettingsAsync();
        if (command.Currency != settings.Currency)
        {
            throw PosException.Invalid($"Currency '{command.Currency}' is not the store's currency ({settings.Currency}).");
        }

        var lateShift = OfflineReturnShift(command.ShiftId);
        await DeliverIfPendingAsync(command.OriginalSaleId, recordOnly: true);
        var original = await SaleRecords(command.OriginalSaleId).GetAsync()
            ?? throw PosException.NotFound($"Sale '{command.OriginalSaleId}' is not known; an offline return is sent after the sale it refers to.");
        if (original.Sale.StoreId != _storeId || original.Sale.RegisterId != _registerId)
        {
            throw PosException.Precondition($"Sale '{command.OriginalSaleId}' was not made at register {_storeId}/{_registerId}; offline, a register returns only its own sales.");
        }

        var claim = original.Returns.FirstOrDefault(r => r.ReturnId == command.ReturnId)
            ?? (original.VoidId is null
                ? ReturnCalculator.Claim(command.ReturnId, original.Sale.Receipt, original.Returns, command.Lines)
                : throw PosException.Precondition($"Sale '{command.OriginalSaleId}' was voided; there is nothing left to return."));
        if (claim.RefundTotal != command.RefundTotal)
        {
            throw PosException.Precondition(
                $"The return works out at {claim.RefundTotal} against sale '{command.OriginalSaleId}' as recorded now, but {command.RefundTotal} was refunded in cash offline.");
        }

        // The record re-checks under its own lock: a return at another register that got there first refuses this one whole.
        claim = await SaleRecords(command.OriginalSaleId).ClaimReturnAsync(command.ReturnId, command.Lines, claim.RefundTotal);
        List<TenderRecord> cash = [new TenderRecord(TenderType.Cash, claim.RefundTotal)];
        var sequence = ++S.LastReceiptSequence;
        var receipt = new ReturnReceipt(command.ReturnId, sequence, ReceiptNumbers.Format(_storeId, _registerId, sequence),
            settings.Currency, claim.Lines, claim.RefundTotal, claim.TaxRefunded);
        if (lateShift is null)
        {
            RefundToShift(S.Shift!, cash, claim.RefundTotal, claim.TaxRefunded, sequence);
        }
        else
        {
            S.LastZReport = CorrectClosedShiftForRefund(lateShift, claim.RefundTotal, claim.TaxRefunded);
        }

        _outbox.Add(ReturnEffect(command.ReturnId, original.Sale, claim, cash, settings, SalePricing.LoyaltyRule(settings), command.OccurredAt));
        Remember(command.ReturnId, new RecentEntry { Kind = RecentKind.Return, ReceiptSequence = sequence, OccurredAt = command.OccurredAt, Return = receipt });
        S.LastOfflineSequence = command.RegisterSequence;
        await WriteOrResetAsync();
        metrics.Returned(_storeId, settings.Currency, claim.RefundTotal);
        ReportBacklog();
        KickOutbox();
        return new OfflineReturnApplied(receipt, lateShift is not null, S.LastOfflineSequence);
    }

    private void ValidateOfflineReturn(OfflineReturnCommand command)
    {
        Ids.Require(command.ShiftId, "shift_id");
        Ids.Require(command.CashierId, "cashier_id");
        Ids.Require(command.OriginalSaleId, "original_sale_id");
        ValidateReturnLines(command.Lines);
        if (command.Lines.Any(l => l.UnitRefund is not null))
        {
            throw PosException.Invalid("unit_refund is only for returns without receipt; an offline return refunds what the sale charged.");
        }

        if (command.RefundTotal is <= 0 or > 100_000_000_000)
        {
            throw PosException.Invalid($"refund_total is the cash handed out, more than 0 (got {command.RefundTotal}).");
        }

        if (command.OccurredAt == default || command.OccurredAt > Now + OfflineClockSkew)
        {
            throw PosException.Invalid("occurred_at is required and may not be in the future; check the register's clock.");
        }

        if (command.Reason is { Length: > 500 })
        {
            throw PosException.Invalid("reason is at most 500 characters.");
        }
    }

    /// <summary>Null when the return belongs to the open shift; the Z-report to correct when it belongs to the shift closed last.</summary>
    private ShiftReportView? OfflineReturnShift(string shiftId) =>
        S.Shift?.ShiftId == shiftId ? null
        : S.LastZReport is { } z && z.ShiftId == shiftId ? z
        : throw PosException.Precondition(
            $"Shift '{shiftId}' is neither the open shift nor the last closed shift of register {_registerId}; an offline return belongs to the shift it was refunded in.");

    /// <summary>The Z-report of a closed shift with one more (late) cash refund in every total it touches.</summary>
    private static ShiftReportView CorrectClosedShiftForRefund(ShiftReportView z, long refund, long tax)
    {
        var byType = z.Tenders.ToDictionary(t => t.Type);
        byType[TenderType.Cash] = byType.TryGetValue(TenderType.Cash, out var cash)
            ? cash with { Amount = cash.Amount - refund, Count = cash.Count + 1 }
            : new TenderTotalView(TenderType.Cash, -refund, 1);
        var expected = z.ExpectedCash - refund;
        return z with
        {
            RefundsCount = z.RefundsCount + 1,
            RefundsTotal = z.RefundsTotal + refund,
            TaxTotal = z.TaxTotal - tax,
            Tenders = [.. byType.Values.OrderBy(t => t.Type)],
            ExpectedCash = expected,
            CashVariance = z.CountedCash - expected,
            LateRefundsCount = z.LateRefundsCount + 1,
            LateRefundsTotal = z.LateRefundsTotal + refund,
        };
    }
}
