namespace ChainPos.Domain;

/// <summary>A basket to price.</summary>
/// <param name="Lines">The lines, 1..500, with unique line numbers.</param>
/// <param name="BasketDiscount">A manual discount on the whole basket, applied after coupons.</param>
/// <param name="CouponCodes">Coupon codes the customer presented (matched case-insensitively; a code presented twice counts once).</param>
public sealed record BasketInput(
    IReadOnlyList<PriceLineInput> Lines,
    Discount? BasketDiscount = null,
    IReadOnlyList<string>? CouponCodes = null);
