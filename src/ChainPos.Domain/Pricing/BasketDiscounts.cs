namespace ChainPos.Domain;

/// <summary>
/// The basket-level steps: qualifying coupons, then the manual basket discount. Each is shared
/// among the lines pro rata to their remaining net by largest remainder.
/// </summary>
internal static class BasketDiscounts
{
    /// <summary>Applies the basket-level discounts and returns the ids of the coupons applied.</summary>
    public static List<string> Apply(IReadOnlyList<LineWork> lines, BasketInput basket, IReadOnlyList<Promotion> promotions)
    {
        var applied = new List<string>();
        var afterLineDiscounts = lines.Sum(l => l.Net);
        var presented = (basket.CouponCodes ?? []).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var code in presented)
        {
            var coupon = CouponLookup.Find(promotions, code)
                ?? throw DomainException.Invalid($"coupon '{Text.Clip(code)}' is not valid. Check the code or remove it.");
            if (afterLineDiscounts < coupon.MinimumBasket)
            {
                throw new DomainException(
                    ErrorCode.FailedPrecondition,
                    $"coupon '{code}' needs a basket of at least {coupon.MinimumBasket} after line discounts (the basket is {afterLineDiscounts}). Add items or remove the coupon.");
            }

            Share(lines, coupon.Amount, $"Coupon '{code}'");
            applied.Add(coupon.Id);
        }

        if (basket.BasketDiscount is { } discount)
        {
            Share(lines, DiscountRules.AmountOff(discount, lines.Sum(l => l.Net), "Basket discount"), "Basket discount");
        }

        return applied;
    }

    private static void Share(IReadOnlyList<LineWork> lines, long amount, string what)
    {
        var remaining = lines.Sum(l => l.Net);
        if (amount > remaining)
        {
            throw DomainException.Invalid(
                $"{what}: the discount of {amount} is larger than what is left of the basket ({remaining}). Lower the discount or remove it.");
        }

        var shares = Allocation.LargestRemainder(amount, [.. lines.Select(l => l.Net)]);
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].BasketDiscount += shares[i];
        }
    }
}
