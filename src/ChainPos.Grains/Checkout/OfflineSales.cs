using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// Checks that an offline sale adds up (the platform does not re-price it, but it does not record
/// arithmetic it cannot trust), builds its receipt, and corrects a closed shift's Z-report with it.
/// </summary>
internal static class OfflineSales
{
    public static void Validate(OfflineSaleCommand c, DateTimeOffset latestAllowed)
    {
        if (c.OccurredAt == default || c.OccurredAt > latestAllowed)
        {
            throw PosException.Invalid($"occurred_at is required and may not be in the future (got {c.OccurredAt:O}).");
        }

        if (c.Lines.Count is 0 or > SalePricing.MaxLines)
        {
            throw PosException.Invalid($"An offline sale needs 1..{SalePricing.MaxLines} lines (got {c.Lines.Count}).");
        }

        for (var i = 0; i < c.Lines.Count; i++)
        {
            var l = c.Lines[i];
            Ids.Require(l.Sku, $"line {i + 1} sku");
            if (l.Quantity is < 1 or > 9999 || l.UnitPrice is < 0 or > 100_000_000 || string.IsNullOrEmpty(l.TaxClass))
            {
                throw PosException.Invalid($"Line {i + 1}: quantity 1..9999, a unit price of 0..100000000 minor units and a tax class are required.");
            }

            if (l.WeightGrams is { } grams && (grams is < 1 or > Weighing.MaxGrams || l.Quantity != 1))
            {
                throw PosException.Invalid($"Line {i + 1}: a weighed line has quantity 1 and a weight of 1..{Weighing.MaxGrams} grams (got {grams}).");
            }

            var gross = l.WeightGrams is { } g ? Weighing.Amount(l.UnitPrice, g) : l.UnitPrice * l.Quantity;
            if (l.Gross != gross || l.Discount < 0 || l.Discount > l.Gross || l.Net != l.Gross - l.Discount || l.Tax < 0 || l.Tax > l.Gross)
            {
                throw PosException.Invalid($"Line {i + 1} does not add up: gross = unit price × quantity (per kg × grams / 1000, rounded, when weighed), net = gross − discount, 0 ≤ discount, tax ≤ gross.");
            }
        }

        var exclusiveTax = c.Taxes.Where(t => !t.Inclusive).Sum(t => t.Tax);
        if (c.Subtotal != c.Lines.Sum(l => l.Gross) || c.DiscountTotal != c.Lines.Sum(l => l.Discount)
            || c.TaxTotal != c.Lines.Sum(l => l.Tax) || c.TaxTotal != c.Taxes.Sum(t => t.Tax)
            || c.Total != c.Lines.Sum(l => l.Net) + exclusiveTax)
        {
            throw PosException.Invalid(
                "The offline sale's totals do not add up: subtotal = Σ gross, discount_total = Σ discount, tax_total = Σ line tax = Σ taxes, total = Σ net + exclusive tax.");
        }

        if (c.Tenders.Any(t => t.Type is TenderType.GiftCard or TenderType.LoyaltyPoints && t.HoldId is null))
        {
            throw PosException.Precondition(
                "Offline gift card and points tenders are spent from an allowance this register leased: name its lease in hold_id. Without one they need the platform.");
        }

        if (c.Tenders.Any(t => t.Type == TenderType.GiftCard && t.GiftCardHash is null))
        {
            throw PosException.Invalid("An offline gift card tender carries the card's hash (gift_card_hash) and mask, never its code.");
        }
    }

    /// <summary>An offline gift card tender: the card by its hash and mask, the allowance lease in the hold id.</summary>
    public static TenderRecord LeasedGiftCard(TenderSpec t, bool offline)
    {
        if (!offline)
        {
            throw PosException.Invalid("gift_card_hash is only for offline sales; an online gift card tender gives the card's code.");
        }

        if (t.GiftCardHash is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw PosException.Invalid("gift_card_hash must be the 64 lowercase hex digits of the card's hash.");
        }

        Ids.Require(t.HoldId, "gift card tender hold_id (the allowance lease)");
        var mask = t.GiftCardCode is { Length: 8 } m && m.StartsWith("****", StringComparison.Ordinal) && m[4..].All(char.IsAsciiDigit) ? m : "****";
        return new TenderRecord(TenderType.GiftCard, t.Amount, GiftCardHash: hash, GiftCardMask: mask, HoldId: t.HoldId);
    }

    public static SaleReceipt Receipt(OfflineSaleCommand c, long sequence, string number, TenderSettlement settlement, long pointsEarned)
    {
        var lines = c.Lines.Select((l, i) => new PricedLineView(
            i + 1, l.Sku, l.Name, l.Quantity, l.UnitPrice, l.Gross, l.Discount, l.Net, l.Tax, l.TaxClass, l.Promotions, WeightGrams: l.WeightGrams)).ToList();
        return new SaleReceipt(
            c.SaleId, sequence, number, c.Currency, lines, c.Subtotal, c.DiscountTotal, c.TaxTotal, c.Total, c.Taxes,
            settlement.Tendered, settlement.Change, pointsEarned, c.Promotions, c.OccurredAt);
    }

    /// <summary>The Z-report of a closed shift with one more (late) sale in every total it touches.</summary>
    public static ShiftReportView CorrectClosedShift(ShiftReportView z, SaleReceipt receipt, IReadOnlyList<TenderRecord> tenders, long change)
    {
        var byType = z.Tenders.ToDictionary(t => t.Type);
        long cash = 0;
        foreach (var t in tenders)
        {
            var amount = t.Type == TenderType.Cash ? t.Amount - change : t.Amount;
            cash += t.Type == TenderType.Cash ? amount : 0;
            byType[t.Type] = byType.TryGetValue(t.Type, out var seen)
                ? seen with { Amount = seen.Amount + amount, Count = seen.Count + 1 }
                : new TenderTotalView(t.Type, amount, 1);
        }

        var expected = z.ExpectedCash + cash;
        return z with
        {
            SalesCount = z.SalesCount + 1,
            SalesTotal = z.SalesTotal + receipt.Total,
            DiscountsTotal = z.DiscountsTotal + receipt.DiscountTotal,
            TaxTotal = z.TaxTotal + receipt.TaxTotal,
            Tenders = [.. byType.Values.OrderBy(t => t.Type)],
            ExpectedCash = expected,
            CashVariance = z.CountedCash - expected,
            LateSalesCount = z.LateSalesCount + 1,
            LateSalesTotal = z.LateSalesTotal + receipt.Total,
        };
    }
}
