namespace ChainPos.Domain;

/// <summary>Finds the coupon promotion for a presented code.</summary>
internal static class CouponLookup
{
    /// <summary>The first <see cref="CouponAmountOff"/> whose code matches, ignoring case; null when none does.</summary>
    public static CouponAmountOff? Find(IReadOnlyList<Promotion> promotions, string? code) =>
        string.IsNullOrWhiteSpace(code)
            ? null
            : promotions.OfType<CouponAmountOff>()
                .FirstOrDefault(c => string.Equals(c.CouponCode, code, StringComparison.OrdinalIgnoreCase));
}
