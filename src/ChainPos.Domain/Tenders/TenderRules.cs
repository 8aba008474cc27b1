namespace ChainPos.Domain;

/// <summary>Checks the tenders of a sale or refund and works out the change.</summary>
public static class TenderRules
{
    /// <summary>The most tenders one sale or refund can have.</summary>
    public const int MaxTenders = 10;

    /// <summary>
    /// Settles a sale of <paramref name="total"/> minor units. Needs 1..10 tenders, each &gt; 0 (a zero
    /// total also accepts no tenders). Only cash can be over-tendered: card, gift card and points
    /// together must not exceed the total, so the change never exceeds the cash given.
    /// </summary>
    /// <exception cref="DomainException">
    /// <see cref="ErrorCode.InvalidArgument"/> for a bad tender list or non-cash over-tender;
    /// <see cref="ErrorCode.FailedPrecondition"/> when the tenders are short of the total.
    /// </exception>
    public static TenderSettlement Settle(long total, IReadOnlyList<TenderInput> tenders)
    {
        ArgumentNullException.ThrowIfNull(tenders);
        if (total < 0)
        {
            throw DomainException.Invalid($"The total must not be negative (got {total}); use a refund instead.");
        }

        if (total == 0 && tenders.Count == 0)
        {
            return new TenderSettlement(0, 0, 0);
        }

        var tendered = Sum(tenders, _ => true);
        var nonCash = Sum(tenders, t => t.Kind != TenderKind.Cash);
        if (nonCash > total)
        {
            throw DomainException.Invalid(
                $"card/gift card/points tenders exceed the total by {nonCash - total}; only cash can be over-tendered. Lower the non-cash amounts.");
        }

        if (tendered < total)
        {
            throw new DomainException(
                ErrorCode.FailedPrecondition,
                $"tenders are short of the total by {total - tendered}. Add a tender for the rest.");
        }

        return new TenderSettlement(total, tendered, tendered - total);
    }

    /// <summary>
    /// Settles a refund of <paramref name="refundTotal"/> minor units (&gt; 0). Needs 1..10 tenders, each
    /// &gt; 0, summing exactly to the refund total; there is never change.
    /// </summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> when the refund total or the tenders are wrong.</exception>
    public static TenderSettlement SettleRefund(long refundTotal, IReadOnlyList<TenderInput> tenders)
    {
        ArgumentNullException.ThrowIfNull(tenders);
        if (refundTotal < 1)
        {
            throw DomainException.Invalid($"The refund total must be greater than 0 (got {refundTotal}).");
        }

        var tendered = Sum(tenders, _ => true);
        if (tendered != refundTotal)
        {
            throw DomainException.Invalid(
                $"The refund tenders add up to {tendered} but the refund total is {refundTotal}. Make them add up exactly.");
        }

        return new TenderSettlement(refundTotal, tendered, 0);
    }

    private static long Sum(IReadOnlyList<TenderInput> tenders, Func<TenderInput, bool> include)
    {
        if (tenders.Count is < 1 or > MaxTenders)
        {
            throw DomainException.Invalid($"Between 1 and {MaxTenders} tenders are needed (got {tenders.Count}).");
        }

        Int128 sum = 0;
        for (var i = 0; i < tenders.Count; i++)
        {
            var tender = tenders[i] ?? throw DomainException.Invalid($"Tender {i + 1} is empty; remove it.");
            if (!Enum.IsDefined(tender.Kind))
            {
                throw DomainException.Invalid($"Tender {i + 1}: the kind must be Cash, Card, GiftCard or LoyaltyPoints (got {(int)tender.Kind}).");
            }

            if (tender.Amount < 1)
            {
                throw DomainException.Invalid($"Tender {i + 1}: the amount must be greater than 0 (got {tender.Amount}).");
            }

            sum += include(tender) ? tender.Amount : 0;
        }

        return sum <= long.MaxValue
            ? (long)sum
            : throw DomainException.Invalid("The tenders add up to more than can be recorded; check the amounts.");
    }
}
