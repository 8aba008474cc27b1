using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// Sales the store agent made while the platform was unreachable. They are recorded as charged (the
/// agent priced them with the same PricingEngine from its catalogue copy), exactly once by sale id, in
/// the register's offline order, with their original time. The commit is the same one durable write
/// with an outbox as an online sale (<c>RegisterGrain.Sales.cs</c>), so stock and loyalty follow the same way.
/// </summary>
internal sealed partial class RegisterGrain
{
    /// <summary>How far ahead of the server's clock an offline sale's time may be (register clocks drift).</summary>
    private static readonly TimeSpan OfflineClockSkew = TimeSpan.FromMinutes(5);

    public async Task<OfflineSaleResult> SubmitOfflineSaleAsync(OfflineSaleCommand command)
    {
        Ids.Require(command.SaleId, "sale_id");
        if (command.RegisterSequence < 1)
        {
            throw PosException.Invalid($"register_sequence must be 1 or more (got {command.RegisterSequence}).");
        }

        if (await TryReplaySaleAsync(command.SaleId, command.OccurredAt) is { } replay)
        {
            // Already committed (an earlier try of this sync, or the online attempt whose answer was lost):
            // it still takes its place in the offline order so the next one is accepted.
            if (command.RegisterSequence == S.LastOfflineSequence + 1)
            {
                S.LastOfflineSequence = command.RegisterSequence;
                await WriteOrResetAsync();
            }

            return new OfflineSaleResult(replay, S.LastZReport?.ShiftId == command.ShiftId, S.LastOfflineSequence);
        }

        if (command.RegisterSequence <= S.LastOfflineSequence)
        {
            throw new PosException(ErrorCode.AlreadyExists,
                $"Offline sequence {command.RegisterSequence} of register {_registerId} was already used by another sale; the journal must number each sale once.");
        }

        if (command.RegisterSequence != S.LastOfflineSequence + 1)
        {
            throw PosException.Precondition(
                $"Offline sale {command.RegisterSequence} arrived out of order: register {_registerId} expects offline sale {S.LastOfflineSequence + 1} next. Send the journal in order.");
        }

        var settings = await RequireSettingsAsync();
        var lateShift = OfflineShift(command);
        if (command.Currency != settings.Currency)
        {
            throw PosException.Invalid($"Currency '{command.Currency}' is not the store's currency ({settings.Currency}).");
        }

        OfflineSales.Validate(command, Now + OfflineClockSkew);
        await RequireKnownSkusAsync(command.Lines.Select(l => l.Sku));
        var domainTenders = command.Tenders.Select(ToDomainTender).ToList();
        var settlement = TenderRules.Settle(command.Total, domainTenders);
        var loyaltyRule = SalePricing.LoyaltyRule(settings);
        var tenders = PrepareTenders(command.Tenders, loyaltyRule, offline: true);
        if (command.CustomerId is not null)
        {
            await RequireEnrolledAsync(command.CustomerId);
        }

        await RequireOwnAllowancesAsync(tenders);

        // Commit: everything below is in memory until the one durable write.
        var sequence = ++S.LastReceiptSequence;
        var pointsEarned = command.CustomerId is null ? 0 : LoyaltyRules.PointsEarned(command.Total, Currencies.MinorDigits(settings.Currency), loyaltyRule);
        var receipt = OfflineSales.Receipt(command, sequence, ReceiptNumbers.Format(_storeId, _registerId, sequence), settlement, pointsEarned);
        var record = new SaleRecordData(_storeId, _registerId, command.ShiftId, receipt, tenders, command.CustomerId, command.OccurredAt, command.ApprovedBy);
        if (lateShift is null)
        {
            ApplyToShift(S.Shift!, receipt, tenders, settlement.Change);
        }
        else
        {
            S.LastZReport = OfflineSales.CorrectClosedShift(lateShift, receipt, tenders, settlement.Change);
        }

        // Offline sales have no gift card lines, so the effects need nothing of the rung-up command but its id.
        var effects = SaleEffects(record, new CompleteSaleCommand(command.SaleId, command.Currency, [], []), loyaltyRule, pointsEarned, command.Total, offline: true);
        _outbox.Add(effects);
        Remember(command.SaleId, new RecentEntry { Kind = RecentKind.Sale, ReceiptSequence = sequence, OccurredAt = command.OccurredAt });
        S.LastOfflineSequence = command.RegisterSequence;
        await WriteOrResetAsync();
        metrics.SaleCompleted(_storeId, receipt, tenders);
        ReportBacklog();
        KickOutbox();
        return new OfflineSaleResult(receipt, lateShift is not null, S.LastOfflineSequence);
    }

    public async Task<OfflineShiftOpened> SubmitOfflineShiftOpenAsync(OfflineShiftOpenCommand command)
    {
        Ids.Require(command.ShiftId, "shift_id");
        if (command.RegisterSequence < 1)
        {
            throw PosException.Invalid($"register_sequence must be 1 or more (got {command.RegisterSequence}).");
        }

        if (S.Shift?.ShiftId == command.ShiftId || S.LastZReport?.ShiftId == command.ShiftId)
        {
            // Already applied (a retry whose answer was lost, or an online OpenShift of the same id that did get through):
            // it still takes its place in the offline order so the sales behind it are accepted.
            if (command.RegisterSequence == S.LastOfflineSequence + 1)
            {
                S.LastOfflineSequence = command.RegisterSequence;
                await WriteOrResetAsync();
            }

            return new OfflineShiftOpened(command.ShiftId, true, S.LastOfflineSequence);
        }

        if (command.RegisterSequence <= S.LastOfflineSequence)
        {
            throw new PosException(ErrorCode.AlreadyExists,
                $"Offline sequence {command.RegisterSequence} of register {_registerId} was already used; the journal must number each entry once.");
        }

        if (command.RegisterSequence != S.LastOfflineSequence + 1)
        {
            throw PosException.Precondition(
                $"Offline shift opening {command.RegisterSequence} arrived out of order: register {_registerId} expects offline entry {S.LastOfflineSequence + 1} next. Send the journal in order.");
        }

        if (S.Shift is { } open)
        {
            throw PosException.Precondition($"Shift '{open.ShiftId}' is still open on register {_registerId}; an offline shift cannot open over it.");
        }

        Ids.Require(command.CashierId, "cashier_id");
        if (command.OpeningFloat is < 0 or > 100_000_000)
        {
            throw PosException.Invalid($"opening_float must be 0..100000000 minor units (got {command.OpeningFloat}).");
        }

        if (command.OpenedAt > Now + OfflineClockSkew)
        {
            throw PosException.Invalid("opened_at is in the future; check the register's clock.");
        }

        var settings = await RequireSettingsAsync();
        if (!settings.Employees.Any(e => e.EmployeeId == command.CashierId))
        {
            throw PosException.NotFound($"Employee '{command.CashierId}' is not on the staff of store '{_storeId}'.");
        }

        S.Shift = new ShiftData
        {
            ShiftId = command.ShiftId,
            CashierId = command.CashierId,
            Currency = settings.Currency,
            OpenedAt = command.OpenedAt,
            OpeningFloat = command.OpeningFloat,
        };
        S.LastOfflineSequence = command.RegisterSequence;
        await WriteOrResetAsync();
        await ArmReminderAsync();
        return new OfflineShiftOpened(command.ShiftId, false, S.LastOfflineSequence);
    }

    /// <summary>Null when the sale belongs to the open shift; the Z-report to correct when it belongs to the shift closed last.</summary>
    private ShiftReportView? OfflineShift(OfflineSaleCommand command)
    {
        Ids.Require(command.ShiftId, "shift_id");
        Ids.Require(command.CashierId, "cashier_id");
        if (S.Shift?.ShiftId == command.ShiftId)
        {
            return null;
        }

        return S.LastZReport is { } z && z.ShiftId == command.ShiftId
            ? z
            : throw PosException.Precondition(
                $"Shift '{command.ShiftId}' is neither the open shift nor the last closed shift of register {_registerId}; an offline sale belongs to the shift it was rung up in.");
    }

    /// <summary>
    /// Gift card and points tenders of an offline sale are spent from allowances this register leased: each lease must
    /// exist on its card or account and be this register's (whatever its state now: a sale made in time is charged even
    /// if the lease expired or was returned since, and the overspend is reported by the card or account).
    /// </summary>
    private async Task RequireOwnAllowancesAsync(List<TenderRecord> tenders)
    {
        foreach (var t in tenders.Where(t => t.Type is TenderType.GiftCard or TenderType.LoyaltyPoints))
        {
            IAllowanceGrain grain = t.Type == TenderType.GiftCard
                ? GrainFactory.Grain<IGiftCardGrain>(GrainKeys.GiftCard(t.GiftCardHash!))
                : GrainFactory.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(t.CustomerId!));
            var what = t.Type == TenderType.GiftCard ? "gift card " + t.GiftCardMask : "customer " + t.CustomerId;
            var lease = await grain.GetLeaseAsync(t.HoldId!)
                ?? throw PosException.NotFound($"Allowance '{t.HoldId}' does not exist on {what}; an offline spend must come from an allowance this register leased.");
            if (lease.StoreId != _storeId || lease.RegisterId != _registerId)
            {
                throw PosException.Denied($"Allowance '{t.HoldId}' on {what} belongs to register {lease.StoreId}/{lease.RegisterId}, not {_storeId}/{_registerId}.");
            }
        }
    }

    /// <summary>Every SKU must be in the catalogue (it may have been discontinued since: the goods were still sold).</summary>
    private async Task RequireKnownSkusAsync(IEnumerable<string> skus)
    {
        var wanted = skus.Distinct(StringComparer.Ordinal).ToList();
        var found = await productCache.GetAsync(wanted);
        if (wanted.FirstOrDefault(s => !found.ContainsKey(s)) is { } missing)
        {
            throw PosException.NotFound($"SKU '{missing}' is not in the catalogue.");
        }
    }
}
