using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Stores;

namespace ChainPos.Grains.Checkout;

internal sealed partial class RegisterGrain
{
    public async Task<SaleReceipt> CompleteSaleAsync(CompleteSaleCommand command)
    {
        Ids.Require(command.SaleId, "sale_id");
        if (await TryReplaySaleAsync(command.SaleId, command.OccurredAt) is { } replay)
        {
            return replay;
        }

        var shift = RequireOpenShift();
        var settings = await RequireSettingsAsync();
        if (command.Currency != settings.Currency)
        {
            throw PosException.Invalid($"Currency '{command.Currency}' is not the store's currency ({settings.Currency}).");
        }

        var tables = _pricing = PricingTables.For(_pricing, settings);
        ValidateLines(command, tables.Labels);
        var products = await LoadProductsAsync(command.Lines.Where(l => l.GiftCardCode is null).Select(l => l.Sku!), settings.Currency);
        string? approvedBy = null;
        if (SalePricing.NeedsSupervisor(command, products, tables.Labels, settings.CashierDiscountLimitBasisPoints))
        {
            approvedBy = command.SupervisorId;
            await RequireSupervisorAsync(command.SupervisorId, command.SupervisorPin, "price overrides and discounts above the cashier's limit");
        }

        var basket = SalePricing.Basket(command, products, tables.Labels);
        var priced = basket.Lines.Count > 0
            ? PricingEngine.Price(basket, tables.TaxRates, tables.Promotions)
            : SalePricing.GiftCardsOnly(command);
        var giftCardLoads = command.Lines.Where(l => l.GiftCardCode is not null).Sum(l => l.GiftCardAmount);
        var total = priced.Total + giftCardLoads;
        if (command.ExpectedTotal is { } expected && expected != total)
        {
            throw PosException.Precondition(
                $"The register showed {Currencies.Format(expected, settings.Currency)} but the sale totals {Currencies.Format(total, settings.Currency)} " +
                "at the server's prices; refresh the catalogue and re-price the basket. Nothing was charged.");
        }

        var settlement = TenderRules.Settle(total, [.. command.Tenders.Select(ToDomainTender)]);
        var loyaltyRule = tables.LoyaltyRule;
        var tenders = PrepareTenders(command.Tenders, loyaltyRule);
        if (command.CustomerId is not null)
        {
            await RequireEnrolledAsync(command.CustomerId);
        }

        var owner = new HoldOwner(_storeId, _registerId, command.SaleId);
        await PlaceHoldsAsync(tenders, settings.Currency, owner);

        // Commit: everything below is in memory until the one durable write.
        var sequence = ++S.LastReceiptSequence;
        var now = Now;
        var pointsEarned = command.CustomerId is null ? 0 : LoyaltyRules.PointsEarned(priced.Total, Currencies.MinorDigits(settings.Currency), loyaltyRule);
        var receipt = BuildReceipt(command, priced, giftCardLoads, products, sequence, settings.Currency, settlement, pointsEarned, now);
        var occurredAt = command.OccurredAt ?? now;
        var record = new SaleRecordData(_storeId, _registerId, shift.ShiftId, receipt, tenders, command.CustomerId, occurredAt, approvedBy);
        ApplyToShift(shift, receipt, tenders, settlement.Change);
        _outbox.Add(SaleEffects(record, command, loyaltyRule, pointsEarned, priced.Total));
        Remember(command.SaleId, new RecentEntry { Kind = RecentKind.Sale, ReceiptSequence = sequence, OccurredAt = occurredAt });
        await WriteOrResetAsync();
        metrics.SaleCompleted(_storeId, receipt, tenders);
        ReportBacklog();
        KickOutbox();
        return receipt;
    }

    private async Task<SaleReceipt?> TryReplaySaleAsync(string saleId, DateTimeOffset? occurredAt)
    {
        // A sale whose effects are pending is found in the outbox, remembered or not: its record does not exist yet.
        if (_outbox.Find(saleId)?.SaleRecord is { } pending)
        {
            return pending.Receipt with { Replayed = true };
        }

        if (TryGetRecent(saleId, out var seen))
        {
            if (seen.Kind != RecentKind.Sale)
            {
                throw new PosException(ErrorCode.AlreadyExists, $"Id '{saleId}' was already used for a {seen.Kind}; use a new sale id.");
            }

            // Delivered: the record holds the receipt, unless another register had already used this id
            // (a client bug, logged when the record was refused) — then it must not be shown as ours.
            var record = await SaleRecords(saleId).GetAsync();
            return record is { Sale: var sale } && sale.StoreId == _storeId && sale.RegisterId == _registerId
                ? sale.Receipt with { Replayed = true }
                : throw new PosException(ErrorCode.AlreadyExists, $"Sale id '{saleId}' was also used by another register; use a new sale id for every sale.");
        }

        // Not remembered here: it is new unless it is older than what this register still remembers.
        if (occurredAt is { } at && at > S.SalesCutoff)
        {
            return null;
        }

        var recorded = await SaleRecords(saleId).GetAsync();
        if (recorded is null)
        {
            return null;
        }

        return recorded.Sale.StoreId == _storeId && recorded.Sale.RegisterId == _registerId
            ? recorded.Sale.Receipt with { Replayed = true }
            : throw new PosException(ErrorCode.AlreadyExists, $"Sale id '{saleId}' was already used on another register; use a new sale id.");
    }

    private static void ValidateLines(CompleteSaleCommand command, ScaleLabelLayout labels)
    {
        if (command.Lines.Count is 0 or > SalePricing.MaxLines)
        {
            throw PosException.Invalid($"A sale needs 1..{SalePricing.MaxLines} lines (got {command.Lines.Count}).");
        }

        for (var i = 0; i < command.Lines.Count; i++)
        {
            var line = command.Lines[i];
            if (line.GiftCardCode is not null)
            {
                if (!string.IsNullOrEmpty(line.Sku) || line.Quantity != 1 || line.GiftCardAmount is <= 0 or > 100_000_00
                    || line.PriceOverride is not null || line.Discount is not null || line.EmbeddedBarcode is not null || line.WeightGrams is not null)
                {
                    throw PosException.Invalid($"Line {i + 1}: a gift card line has no SKU, quantity 1, no discount and an amount of 1..10000000 minor units.");
                }

                if (!GiftCardCodes.IsValid(line.GiftCardCode))
                {
                    throw PosException.Invalid($"Line {i + 1}: gift card code {Mask(line.GiftCardCode)} is not 16-19 digits.");
                }
            }
            else
            {
                Ids.Require(line.Sku, $"line {i + 1} sku");
                if (line.Quantity is < 1 or > 9999)
                {
                    throw PosException.Invalid($"Line {i + 1}: quantity must be between 1 and 9999 (got {line.Quantity}).");
                }

                SalePricing.RequireEmbeddedBarcode(line, labels, i + 1);
            }
        }
    }

    private async Task<Dictionary<string, ProductInfo>> LoadProductsAsync(IEnumerable<string> skus, string currency)
    {
        var wanted = skus.Distinct(StringComparer.Ordinal).ToList();
        var found = await productCache.GetAsync(wanted);
        foreach (var sku in wanted)
        {
            if (!found.TryGetValue(sku, out var product))
            {
                throw PosException.NotFound($"SKU '{sku}' is not in the catalogue.");
            }

            if (!product.Active)
            {
                throw PosException.Precondition($"SKU '{sku}' ({product.Name}) is discontinued and cannot be sold.");
            }

            if (product.Currency != currency)
            {
                throw PosException.Precondition($"SKU '{sku}' is priced in {product.Currency}, not the store's {currency}.");
            }
        }

        return found;
    }

    private async Task RequireSupervisorAsync(string? supervisorId, string? pin, string what)
    {
        if (string.IsNullOrEmpty(supervisorId) || string.IsNullOrEmpty(pin))
        {
            throw PosException.Denied($"A supervisor's id and PIN are required for {what}.");
        }

        await Store.VerifyEmployeeAsync(supervisorId, pin, EmployeeRole.Supervisor);
    }

    private async Task RequireEnrolledAsync(string customerId)
    {
        Ids.Require(customerId, "customer_id");
        if (await GrainFactory.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(customerId)).GetAsync() is null)
        {
            throw PosException.NotFound($"Customer '{customerId}' is not enrolled in loyalty; enrol them first or sell without a customer.");
        }
    }

    private static TenderInput ToDomainTender(TenderSpec t) => t.Type switch
    {
        TenderType.Cash => new TenderInput(TenderKind.Cash, t.Amount),
        TenderType.Card => new TenderInput(TenderKind.Card, t.Amount),
        TenderType.GiftCard => new TenderInput(TenderKind.GiftCard, t.Amount),
        TenderType.LoyaltyPoints => new TenderInput(TenderKind.LoyaltyPoints, t.Amount),
        _ => throw PosException.Invalid("Tender type must be cash, card, gift card or loyalty points."),
    };

    /// <summary>Validates tender details and turns them into what is stored: no card number, gift card codes hashed.</summary>
    private static List<TenderRecord> PrepareTenders(IReadOnlyList<TenderSpec> tenders, LoyaltyRule rule, bool offline = false)
    {
        var records = new List<TenderRecord>(tenders.Count);
        foreach (var t in tenders)
        {
            switch (t.Type)
            {
                case TenderType.Cash:
                    records.Add(new TenderRecord(TenderType.Cash, t.Amount));
                    break;
                case TenderType.Card:
                    if (string.IsNullOrEmpty(t.CardToken) || t.CardToken.Length > 128 || string.IsNullOrEmpty(t.CardBrand)
                        || t.CardLast4 is not { Length: 4 } || !t.CardLast4.All(char.IsAsciiDigit))
                    {
                        throw PosException.Invalid("A card tender needs the terminal's token, the card brand and exactly four last digits.");
                    }

                    records.Add(new TenderRecord(TenderType.Card, t.Amount, t.CardToken, t.CardBrand, t.CardLast4));
                    break;
                case TenderType.GiftCard when t.GiftCardHash is not null:
                    records.Add(OfflineSales.LeasedGiftCard(t, offline));
                    break;
                case TenderType.GiftCard:
                    if (!GiftCardCodes.IsValid(t.GiftCardCode))
                    {
                        throw PosException.Invalid($"Gift card code {Mask(t.GiftCardCode)} is not 16-19 digits.");
                    }

                    records.Add(new TenderRecord(TenderType.GiftCard, t.Amount, GiftCardHash: GiftCardCodes.Hash(t.GiftCardCode!),
                        GiftCardMask: GiftCardCodes.Mask(t.GiftCardCode!), HoldId: t.HoldId));
                    break;
                default:
                    Ids.Require(t.CustomerId, "loyalty tender customer_id");
                    records.Add(new TenderRecord(TenderType.LoyaltyPoints, t.Amount, CustomerId: t.CustomerId, HoldId: t.HoldId,
                        Points: LoyaltyRules.PointsFor(t.Amount, rule)));
                    break;
            }
        }

        return records;
    }

    /// <summary>
    /// Places (or claims) a hold for every gift card and points tender, owned by this sale. On any
    /// failure the holds this call placed are voided and the error is passed on: nothing is charged.
    /// </summary>
    private async Task PlaceHoldsAsync(List<TenderRecord> tenders, string currency, HoldOwner owner)
    {
        var placed = new List<Func<Task>>();
        try
        {
            for (var i = 0; i < tenders.Count; i++)
            {
                var t = tenders[i];
                if (t.Type is not (TenderType.GiftCard or TenderType.LoyaltyPoints))
                {
                    continue;
                }

                var claim = t.HoldId is not null;
                var holdId = t.HoldId ?? $"{owner.SaleId}:{i}";
                HoldView hold;
                if (t.Type == TenderType.GiftCard)
                {
                    var card = GrainFactory.Grain<IGiftCardGrain>(GrainKeys.GiftCard(t.GiftCardHash!));
                    hold = claim
                        ? await card.ClaimHoldAsync(holdId, t.Amount, _options.HoldTtl, owner)
                        : await card.HoldAsync(holdId, t.Amount, currency, _options.HoldTtl, owner);
                    if (!claim)
                    {
                        placed.Add(() => card.VoidHoldAsync(holdId));
                    }
                }
                else
                {
                    var account = GrainFactory.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(t.CustomerId!));
                    hold = claim
                        ? await account.ClaimHoldAsync(holdId, t.Points, _options.HoldTtl, owner)
                        : await account.HoldPointsAsync(holdId, t.Points, _options.HoldTtl, owner);
                    if (!claim)
                    {
                        placed.Add(() => account.VoidHoldAsync(holdId));
                    }
                }

                if (hold.ExpiresAt <= Now + _options.HoldCommitMargin)
                {
                    throw PosException.Precondition($"Hold '{holdId}' expires at {hold.ExpiresAt:O}; place a new hold and try again.");
                }

                tenders[i] = t with { HoldId = holdId };
            }
        }
        catch
        {
            foreach (var release in placed)
            {
                await release();
            }

            throw;
        }
    }

    private SaleReceipt BuildReceipt(
        CompleteSaleCommand command, PricedBasket priced, long giftCardLoads, Dictionary<string, ProductInfo> products,
        long sequence, string currency, TenderSettlement settlement, long pointsEarned, DateTimeOffset now)
    {
        var lines = new List<PricedLineView>(command.Lines.Count);
        var byLineNo = priced.Lines.ToDictionary(l => l.LineNo);
        for (var i = 0; i < command.Lines.Count; i++)
        {
            var line = command.Lines[i];
            if (line.GiftCardCode is { } code)
            {
                var amount = line.GiftCardAmount;
                lines.Add(new PricedLineView(i + 1, "", "Gift card " + GiftCardCodes.Mask(code), 1, amount, amount, 0, amount, 0,
                    SalePricing.GiftCardTaxClass, [], GiftCardCodes.Hash(code)));
            }
            else
            {
                var p = byLineNo[i + 1];
                lines.Add(SalePricing.View(p, products[p.Sku].Name));
            }
        }

        return new SaleReceipt(
            command.SaleId, sequence, ReceiptNumbers.Format(_storeId, _registerId, sequence), currency, lines,
            priced.Subtotal + giftCardLoads, priced.DiscountTotal, priced.TaxTotal, priced.Total + giftCardLoads,
            [.. priced.Taxes.Select(SalePricing.View)], settlement.Tendered, settlement.Change, pointsEarned,
            priced.AppliedPromotions, now);
    }

    private static void ApplyToShift(ShiftData shift, SaleReceipt receipt, List<TenderRecord> tenders, long change)
    {
        shift.SalesCount++;
        shift.SalesTotal += receipt.Total;
        shift.DiscountsTotal += receipt.DiscountTotal;
        shift.TaxTotal += receipt.TaxTotal;
        foreach (var t in tenders)
        {
            ShiftReports.AddTender(shift, t.Type, t.Amount);
            if (t.Type == TenderType.Cash)
            {
                shift.CashNet += t.Amount;
            }
        }

        if (change > 0)
        {
            // Change leaves the drawer; report cash net of it.
            shift.CashNet -= change;
            shift.Tenders[TenderType.Cash].Amount -= change;
        }

        ShiftReports.TakeReceipt(shift, receipt.ReceiptSequence);
    }

    private PendingEffect SaleEffects(SaleRecordData record, CompleteSaleCommand command, LoyaltyRule rule, long pointsEarned, long goodsTotal, bool offline = false)
    {
        var effect = new PendingEffect { Sequence = ++S.LastEffectSequence, TransactionId = record.Receipt.SaleId, SaleRecord = record };
        foreach (var line in record.Receipt.Lines)
        {
            if (line.GiftCardHash is null)
            {
                effect.Stock.Add(new StockDelta(_storeId, line.Sku, -StockQuantity(line)));
            }
        }

        foreach (var line in record.Receipt.Lines.Where(l => l.GiftCardHash is not null))
        {
            // The receipt line already carries the code's hash; line numbers are the rung-up positions.
            var code = command.Lines[line.LineNo - 1].GiftCardCode!;
            effect.GiftCardLoads.Add(new GiftCardLoad(line.GiftCardHash!, GiftCardCodes.Mask(code), $"{record.Receipt.SaleId}:load:{line.LineNo}",
                line.Net, record.Receipt.Currency));
        }

        var ruleRef = new LoyaltyRuleSpecRef(rule.SilverSpend, rule.GoldSpend);
        foreach (var (t, i) in record.Tenders.Select((t, i) => (t, i)))
        {
            if (offline && t.Type is TenderType.GiftCard or TenderType.LoyaltyPoints)
            {
                // Spent offline from this register's allowance (the lease id travels as the hold id).
                var spend = new AllowanceSpend($"{record.Receipt.SaleId}:allowance:{i + 1}", t.HoldId!, _storeId, _registerId,
                    t.Type == TenderType.GiftCard ? t.Amount : t.Points, record.Receipt.CompletedAt);
                effect.AllowanceSpends.Add(t.Type == TenderType.GiftCard
                    ? new AllowanceSpendEffect(GrainKeys.GiftCard(t.GiftCardHash!), true, spend)
                    : new AllowanceSpendEffect(GrainKeys.Loyalty(t.CustomerId!), false, spend));
            }
            else if (t.Type == TenderType.GiftCard)
            {
                effect.GiftCardCaptures.Add(new GiftCardCapture(t.GiftCardHash!, t.HoldId!));
            }
            else if (t.Type == TenderType.LoyaltyPoints)
            {
                effect.Loyalty.Add(new LoyaltyEffect(t.CustomerId!, new LoyaltyEntry(
                    $"{record.Receipt.SaleId}:redeem:{t.HoldId}", _storeId, 0, 0, t.HoldId, 0, ruleRef, record.Receipt.CompletedAt)));
            }
        }

        if (record.CustomerId is { } customer)
        {
            effect.Loyalty.Add(new LoyaltyEffect(customer, new LoyaltyEntry(
                record.Receipt.SaleId, _storeId, goodsTotal, pointsEarned, null, 0, ruleRef, record.Receipt.CompletedAt)));
        }

        return effect;
    }

    /// <summary>What a line moves in stock: its grams when weighed (stock of a weighed product is counted in grams), else its units.</summary>
    private static int StockQuantity(PricedLineView line) => line.WeightGrams ?? line.Quantity;

    private ISaleRecordGrain SaleRecords(string saleId) => GrainFactory.Grain<ISaleRecordGrain>(GrainKeys.Sale(saleId));

    private static string Mask(string? code) => code is { Length: >= 4 } ? "****" + code[^4..] : "****";
}
