namespace ChainPos.Domain;

/// <summary>Prices a basket: promotions, manual discounts, coupons and tax.</summary>
public static class PricingEngine
{
    /// <summary>
    /// Prices <paramref name="basket"/>. In order: each line gets the single best line-level
    /// promotion (<see cref="MultiBuy"/> on its SKU, counted per line; <see cref="CategoryPercentOff"/>
    /// on its category), then its manual line discount on what remains; then qualifying coupons and
    /// finally the manual basket discount are shared among the lines pro rata to their remaining net
    /// (largest remainder). Tax is computed once per tax class on the sum of its lines' net and
    /// shared among those lines by largest remainder. All amounts are minor units.
    /// </summary>
    /// <param name="basket">The lines, manual basket discount and presented coupon codes.</param>
    /// <param name="taxRates">The tax rate of each tax class, keyed by tax class.</param>
    /// <param name="promotions">The active promotions; coupons apply only when their code is presented.</param>
    /// <exception cref="DomainException">
    /// <see cref="ErrorCode.InvalidArgument"/> for invalid input (the message names the line), an unknown
    /// coupon code or a discount larger than what it applies to; <see cref="ErrorCode.FailedPrecondition"/>
    /// for a coupon whose minimum basket is not met.
    /// </exception>
    public static PricedBasket Price(
        BasketInput basket,
        IReadOnlyDictionary<string, TaxRate> taxRates,
        IReadOnlyList<Promotion> promotions)
    {
        ArgumentNullException.ThrowIfNull(basket);
        ArgumentNullException.ThrowIfNull(taxRates);
        ArgumentNullException.ThrowIfNull(promotions);
        BasketValidator.Validate(basket, taxRates, promotions);

        var lines = basket.Lines.Select(l => new LineWork(l)).ToList();
        LineDiscounts.ApplyPromotions(lines, promotions);
        LineDiscounts.ApplyManual(lines);
        var coupons = BasketDiscounts.Apply(lines, basket, promotions);
        var taxes = TaxCalculator.Apply(lines, taxRates);

        var applied = lines.Where(l => l.Promotion is not null).Select(l => l.Promotion!.Id)
            .Concat(coupons)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var exclusiveTax = taxes.Where(t => !t.Inclusive).Sum(t => t.Tax);
        return new PricedBasket(
            [.. lines.Select(l => l.ToPricedLine())],
            lines.Sum(l => l.Gross),
            lines.Sum(l => l.PromotionDiscount + l.ManualDiscount + l.BasketDiscount),
            taxes.Sum(t => t.Tax),
            lines.Sum(l => l.Net) + exclusiveTax,
            taxes,
            applied);
    }
}
