namespace ChainPos.Domain;

/// <summary>A priced basket. Amounts are in minor units.</summary>
/// <param name="Lines">The priced lines, in input order.</param>
/// <param name="Subtotal">The sum of the lines' Gross.</param>
/// <param name="DiscountTotal">The sum of all discounts: promotions, manual line, coupons and manual basket.</param>
/// <param name="TaxTotal">The sum of the tax of all classes, inclusive and exclusive.</param>
/// <param name="Total">What the customer pays: the sum of Net plus the exclusive tax.</param>
/// <param name="Taxes">One entry per tax class present in the basket, ordered by tax class (ordinal).</param>
/// <param name="AppliedPromotions">Ids of every promotion applied (line-level first, then coupons), each once.</param>
public sealed record PricedBasket(
    IReadOnlyList<PricedLine> Lines,
    long Subtotal,
    long DiscountTotal,
    long TaxTotal,
    long Total,
    IReadOnlyList<TaxLine> Taxes,
    IReadOnlyList<string> AppliedPromotions);
