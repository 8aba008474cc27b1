using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Reports;
using ChainPos.Abstractions.Stores;

namespace ChainPos.Grains.Checkout;

internal sealed partial class RegisterGrain
{
    private const int MaxReturnLines = 100;

    public async Task<ReturnReceipt> ReturnAsync(ReturnCommand command)
    {
        Ids.Require(command.ReturnId, "return_id");
        if (TryGetRecent(command.ReturnId, out var seen))
        {
            return seen.Return is { } done
                ? done with { Replayed = true }
                : throw new PosException(ErrorCode.AlreadyExists, $"Id '{command.ReturnId}' was already used for a {seen.Kind}; use a new return id.");
        }

        var shift = RequireOpenShift();
        var settings = await RequireSettingsAsync();
        if (command.Currency != settings.Currency)
        {
            throw PosException.Invalid($"Currency '{command.Currency}' is not the store's currency ({settings.Currency}).");
        }

        ValidateReturnLines(command.Lines);
        SaleRecordView? original = null;
        ReturnClaim claim;
        if (command.OriginalSaleId is { Length: > 0 } originalId)
        {
            Ids.Require(originalId, "original_sale_id");
            await DeliverIfPendingAsync(originalId, recordOnly: true);
            original = await SaleRecords(originalId).GetAsync()
                ?? throw PosException.NotFound($"Sale '{originalId}' is not known (a sale made moments ago on another register may need a few seconds).");
            if (original.Sale.StoreId != _storeId)
            {
                throw PosException.Denied($"Sale '{originalId}' was not made in store '{_storeId}'; it is returned in its own store.");
            }

            if (original.Sale.Receipt.Currency != settings.Currency)
            {
                throw PosException.Precondition($"Sale '{originalId}' was paid in {original.Sale.Receipt.Currency}; refund it in a store using that currency.");
            }

            // Price the return from the record as it is now and check the refund tenders against it
            // before claiming anything: a refused return must leave every unit returnable.
            claim = original.Returns.FirstOrDefault(r => r.ReturnId == command.ReturnId)
                ?? (original.VoidId is null
                    ? ReturnCalculator.Claim(command.ReturnId, original.Sale.Receipt, original.Returns, command.Lines)
                    : throw PosException.Precondition($"Sale '{originalId}' was voided; there is nothing left to return."));
        }
        else
        {
            await RequireSupervisorAsync(command.SupervisorId, command.SupervisorPin, "returns without a receipt");
            claim = await PriceUnreceiptedReturnAsync(command, settings);
        }

        TenderRules.SettleRefund(claim.RefundTotal, [.. command.RefundTenders.Select(ToDomainTender)]);
        var loyaltyRule = SalePricing.LoyaltyRule(settings);
        var tenders = PrepareTenders(command.RefundTenders, loyaltyRule);
        if (original is not null)
        {
            // The record re-checks under its own lock: if another return got there first, this one is refused whole.
            claim = await SaleRecords(original.Sale.Receipt.SaleId).ClaimReturnAsync(command.ReturnId, command.Lines, claim.RefundTotal);
        }

        var sequence = ++S.LastReceiptSequence;
        var receipt = new ReturnReceipt(command.ReturnId, sequence, ReceiptNumbers.Format(_storeId, _registerId, sequence),
            settings.Currency, claim.Lines, claim.RefundTotal, claim.TaxRefunded);
        RefundToShift(shift, tenders, claim.RefundTotal, claim.TaxRefunded, sequence);
        _outbox.Add(ReturnEffect(command.ReturnId, original?.Sale, claim, tenders, settings, loyaltyRule, Now));
        Remember(command.ReturnId, new RecentEntry { Kind = RecentKind.Return, ReceiptSequence = sequence, OccurredAt = Now, Return = receipt });
        await WriteOrResetAsync();
        metrics.Returned(_storeId, settings.Currency, claim.RefundTotal);
        ReportBacklog();
        KickOutbox();
        return receipt;
    }

    public async Task<VoidReceipt> VoidSaleAsync(VoidCommand command)
    {
        Ids.Require(command.VoidId, "void_id");
        if (TryGetRecent(command.VoidId, out var seen))
        {
            return seen.Void is { } done
                ? done with { Replayed = true }
                : throw new PosException(ErrorCode.AlreadyExists, $"Id '{command.VoidId}' was already used for a {seen.Kind}; use a new void id.");
        }

        Ids.Require(command.SaleId, "sale_id");
        var shift = RequireOpenShift();
        await RequireSupervisorAsync(command.SupervisorId, command.SupervisorPin, "voids");
        var settings = await RequireSettingsAsync();
        await DeliverIfPendingAsync(command.SaleId, recordOnly: false);
        var original = await SaleRecords(command.SaleId).GetAsync() ?? throw PosException.NotFound($"Sale '{command.SaleId}' is not known.");
        var sale = original.Sale;
        if (sale.StoreId != _storeId || sale.RegisterId != _registerId || sale.ShiftId != shift.ShiftId)
        {
            throw PosException.Precondition($"Only sales of this register's open shift can be voided; refund sale '{command.SaleId}' with a return instead.");
        }

        if (original.Returns.Count > 0 || (original.VoidId is not null && original.VoidId != command.VoidId))
        {
            throw PosException.Precondition($"Sale '{command.SaleId}' was already {(original.VoidId is null ? "partly returned; refund the rest with a return" : "voided")}.");
        }

        // A voided gift card activation takes the loaded value back off the card: hold it first, so a
        // card that was already spent refuses the void instead of going below zero.
        var unloads = new List<GiftCardCapture>();
        try
        {
            foreach (var load in sale.Receipt.Lines.Where(l => l.GiftCardHash is not null))
            {
                var holdId = $"{command.VoidId}:unload:{load.LineNo}";
                await GrainFactory.Grain<IGiftCardGrain>(GrainKeys.GiftCard(load.GiftCardHash!))
                    .HoldAsync(holdId, load.Net, sale.Receipt.Currency, _options.HoldTtl, new HoldOwner(_storeId, _registerId, command.VoidId));
                unloads.Add(new GiftCardCapture(load.GiftCardHash!, holdId));
            }

            await SaleRecords(command.SaleId).MarkVoidedAsync(command.VoidId);
        }
        catch
        {
            foreach (var unload in unloads)
            {
                await GrainFactory.Grain<IGiftCardGrain>(GrainKeys.GiftCard(unload.CodeHash)).VoidHoldAsync(unload.HoldId);
            }

            throw;
        }

        var sequence = ++S.LastReceiptSequence;
        var total = sale.Receipt.Total;
        var receipt = new VoidReceipt(command.VoidId, command.SaleId, sequence, ReceiptNumbers.Format(_storeId, _registerId, sequence), total);
        // The sale's tenders are paid back as they came in; cash net of the change given.
        var refunds = sale.Tenders.Select(t => t.Type == TenderType.Cash ? t with { Amount = t.Amount - sale.Receipt.Change } : t)
            .Where(t => t.Amount > 0).ToList();
        RefundToShift(shift, refunds, total, sale.Receipt.TaxTotal, sequence);
        shift.DiscountsTotal -= sale.Receipt.DiscountTotal;

        var effect = new PendingEffect { Sequence = ++S.LastEffectSequence, TransactionId = command.VoidId };
        foreach (var line in sale.Receipt.Lines.Where(l => l.GiftCardHash is null))
        {
            effect.Stock.Add(new StockDelta(_storeId, line.Sku, StockQuantity(line)));
        }

        var rule = SalePricing.LoyaltyRule(settings);
        AddRefundEffects(effect, command.VoidId, [.. refunds.Select(t => t with { HoldId = null })], sale.Receipt.Currency, rule);
        effect.GiftCardCaptures.AddRange(unloads);

        if (sale.CustomerId is { } customer && sale.Receipt.PointsEarned > 0)
        {
            effect.Loyalty.Add(new LoyaltyEffect(customer, new LoyaltyEntry(command.VoidId, _storeId, -(total - sale.Receipt.Lines.Where(l => l.GiftCardHash is not null).Sum(l => l.Net)),
                -sale.Receipt.PointsEarned, null, 0, new LoyaltyRuleSpecRef(rule.SilverSpend, rule.GoldSpend), Now)));
        }

        effect.Refund = new RefundReport(RefundKind.Void, command.VoidId, command.SaleId, sale.Receipt.Currency, Now, sale.Receipt.Lines,
            sale.Receipt.Taxes, total, sale.Receipt.TaxTotal, [.. refunds.Select(t => t with { HoldId = null })],
            sale.CustomerId is null ? 0 : sale.Receipt.PointsEarned);

        _outbox.Add(effect);
        Remember(command.VoidId, new RecentEntry { Kind = RecentKind.Void, ReceiptSequence = sequence, OccurredAt = Now, Void = receipt });
        await WriteOrResetAsync();
        metrics.Voided(_storeId, sale.Receipt.Currency, total);
        ReportBacklog();
        KickOutbox();
        return receipt;
    }

    /// <summary>
    /// What a return changes outside the register, from the durable outbox: stock back, refunds onto gift cards or points,
    /// the points earned on the returned share of the sale clawed back, and the refund in the store-day report at <paramref name="at"/>.
    /// </summary>
    private PendingEffect ReturnEffect(string returnId, SaleRecordData? sale, ReturnClaim claim, List<TenderRecord> tenders, StoreSettings settings, LoyaltyRule loyaltyRule, DateTimeOffset at)
    {
        var effect = new PendingEffect { Sequence = ++S.LastEffectSequence, TransactionId = returnId };
        foreach (var line in claim.Lines.Where(l => l.GiftCardHash is null))
        {
            effect.Stock.Add(new StockDelta(_storeId, line.Sku, StockQuantity(line)));
        }

        AddRefundEffects(effect, returnId, tenders, settings.Currency, loyaltyRule);
        var pointsClawedBack = 0L;
        if (sale is { CustomerId: { } customer } && sale.Receipt.PointsEarned > 0)
        {
            // Claw back the points earned on the returned share of the sale.
            var clawBack = sale.Receipt.Total == 0 ? 0 : (long)Math.Floor((decimal)sale.Receipt.PointsEarned * claim.RefundTotal / sale.Receipt.Total);
            effect.Loyalty.Add(new LoyaltyEffect(customer, new LoyaltyEntry(returnId, _storeId, -claim.RefundTotal, -clawBack, null, 0,
                new LoyaltyRuleSpecRef(loyaltyRule.SilverSpend, loyaltyRule.GoldSpend), at)));
            pointsClawedBack = clawBack;
        }

        effect.Refund = new RefundReport(RefundKind.Return, returnId, sale?.Receipt.SaleId, settings.Currency, at, claim.Lines,
            RefundTaxes(claim.Lines, sale?.Receipt.Taxes, settings), claim.RefundTotal, claim.TaxRefunded,
            [.. tenders.Select(t => t with { HoldId = null })], pointsClawedBack);
        return effect;
    }

    /// <summary>
    /// The tax a return gives back per class, at the rate of the original receipt (or the store's rate for a return
    /// without receipt); taxable is the lines' net, as on a receipt, so gross = inclusive ? taxable : taxable + tax.
    /// </summary>
    private static List<TaxView> RefundTaxes(IReadOnlyList<PricedLineView> lines, IReadOnlyList<TaxView>? saleTaxes, StoreSettings settings)
    {
        var rates = SalePricing.TaxRates(settings);
        return [.. lines.Where(l => l.GiftCardHash is null).GroupBy(l => l.TaxClass, StringComparer.Ordinal).Select(g =>
        {
            var (rate, inclusive) = saleTaxes?.FirstOrDefault(t => t.TaxClass == g.Key) is { } sold
                ? (sold.RateBasisPoints, sold.Inclusive)
                : rates.TryGetValue(g.Key, out var r) ? (r.RateBasisPoints, r.Inclusive) : (0, true);
            return new TaxView(g.Key, rate, inclusive, g.Sum(l => l.Net), g.Sum(l => l.Tax));
        })];
    }

    private static void ValidateReturnLines(IReadOnlyList<ReturnLineSpec> lines)
    {
        if (lines.Count is 0 or > MaxReturnLines)
        {
            throw PosException.Invalid($"A return needs 1..{MaxReturnLines} lines (got {lines.Count}).");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            Ids.Require(lines[i].Sku, $"return line {i + 1} sku");
            if (lines[i].Quantity is < 1 or > 9999)
            {
                throw PosException.Invalid($"Return line {i + 1}: quantity must be between 1 and 9999 (got {lines[i].Quantity}).");
            }

            if (lines[i].UnitRefund is < 0 or > 100_000_000)
            {
                throw PosException.Invalid($"Return line {i + 1}: unit_refund must be 0..100000000 minor units.");
            }
        }

        if (lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).Count() != lines.Count)
        {
            throw PosException.Invalid("List each SKU once in a return, with the total quantity.");
        }
    }

    /// <summary>A return without receipt is priced like a sale at the refund price given (or today's price), tax included.</summary>
    private async Task<ReturnClaim> PriceUnreceiptedReturnAsync(ReturnCommand command, StoreSettings settings)
    {
        var products = await LoadProductsAsync(command.Lines.Select(l => l.Sku), settings.Currency);
        if (products.Values.FirstOrDefault(p => p.SoldByWeight) is { } weighed)
        {
            throw PosException.Invalid($"SKU '{weighed.Sku}' ({weighed.Name}) is sold by weight: return it against its receipt, which returns the whole weighed line.");
        }

        var input = new BasketInput([.. command.Lines.Select((l, i) =>
        {
            var p = products[l.Sku];
            return new PriceLineInput(i + 1, p.Sku, p.Category, p.TaxClass, l.Quantity, p.Price, l.UnitRefund);
        })]);
        var priced = PricingEngine.Price(input, SalePricing.TaxRates(settings), []);
        return new ReturnClaim(command.ReturnId, [.. priced.Lines.Select(l => SalePricing.View(l, products[l.Sku].Name))], priced.Total, priced.TaxTotal);
    }

    private static void RefundToShift(ShiftData shift, List<TenderRecord> tenders, long refundTotal, long tax, long sequence)
    {
        shift.RefundsCount++;
        shift.RefundsTotal += refundTotal;
        shift.TaxTotal -= tax;
        foreach (var t in tenders)
        {
            ShiftReports.AddTender(shift, t.Type, -t.Amount);
            if (t.Type == TenderType.Cash)
            {
                shift.CashNet -= t.Amount;
            }
        }

        ShiftReports.TakeReceipt(shift, sequence);
    }

    /// <summary>Refund tenders other than cash and card move value back: onto the gift card, or back to the points account.</summary>
    private void AddRefundEffects(PendingEffect effect, string transactionId, List<TenderRecord> tenders, string currency, LoyaltyRule rule)
    {
        for (var i = 0; i < tenders.Count; i++)
        {
            var t = tenders[i];
            if (t.Type == TenderType.GiftCard)
            {
                effect.GiftCardLoads.Add(new GiftCardLoad(t.GiftCardHash!, t.GiftCardMask!, $"{transactionId}:refund:{i + 1}", t.Amount, currency));
            }
            else if (t.Type == TenderType.LoyaltyPoints)
            {
                effect.Loyalty.Add(new LoyaltyEffect(t.CustomerId!, new LoyaltyEntry($"{transactionId}:refund:{i + 1}", _storeId, 0, 0, null,
                    t.Points, new LoyaltyRuleSpecRef(rule.SilverSpend, rule.GoldSpend), Now)));
            }
        }
    }

    /// <summary>
    /// Makes sure the record of a sale this register committed exists before a return or void reads it. For a return
    /// (<paramref name="recordOnly"/>) a sale still in the outbox has its record stored now, ahead of its other effects:
    /// receivers may hold a delivery for <see cref="Hosting.CheckoutOptions.EffectWriteWindow"/>, and a return at the
    /// till should not wait for that. Its own effects still follow the sale's in commit order (the reports take the
    /// batch's sales before its refunds), and the delivery stores the record again, which changes nothing. A void
    /// delivers the sale whole first: it holds on the gift cards the sale activated, which the delivery loads.
    /// </summary>
    private async Task DeliverIfPendingAsync(string transactionId, bool recordOnly)
    {
        if (_outbox.Find(transactionId) is not { } pending)
        {
            return;
        }

        if (recordOnly && pending.SaleRecord is { } record && pending.Sequence <= _durableEffectSequence)
        {
            await RecordSaleAsync(record);
            return;
        }

        if (await FlushOutboxAsync() > 0 && _outbox.Contains(transactionId))
        {
            throw new PosException(ErrorCode.FailedPrecondition, $"Sale '{transactionId}' is still being recorded; try again in a few seconds.");
        }
    }
}
