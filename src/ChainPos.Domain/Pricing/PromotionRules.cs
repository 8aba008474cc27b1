namespace ChainPos.Domain;

/// <summary>Validation of configured promotions and the discount each gives on one line.</summary>
public static class PromotionRules
{
    /// <summary>Throws when the promotion is configured with values out of range.</summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> naming the promotion and the bad value.</exception>
    public static void Validate(Promotion promotion)
    {
        if (promotion is null)
        {
            throw DomainException.Invalid("The promotion list contains an empty entry; remove it.");
        }

        var error = promotion switch
        {
            CategoryPercentOff p when p.PercentBasisPoints is < 1 or > PricingLimits.MaxBasisPoints =>
                $"percent must be between 1 and 10000 basis points (got {p.PercentBasisPoints})",
            MultiBuy p when p.BuyQuantity < 1 => $"buy quantity must be at least 1 (got {p.BuyQuantity})",
            MultiBuy p when p.BundlePrice < 0 => $"bundle price must not be negative (got {p.BundlePrice})",
            CouponAmountOff p when string.IsNullOrWhiteSpace(p.CouponCode) => "coupon code must not be empty",
            CouponAmountOff p when p.Amount < 1 => $"amount must be greater than 0 (got {p.Amount})",
            CouponAmountOff p when p.MinimumBasket < 0 => $"minimum basket must not be negative (got {p.MinimumBasket})",
            _ => null,
        };
        if (error is not null)
        {
            throw DomainException.Invalid($"Promotion '{Text.Clip(promotion.Id)}': {error}. Fix the promotion's configuration.");
        }
    }

    /// <summary>
    /// The discount a line-level promotion gives on a line of <paramref name="quantity"/> units at
    /// <paramref name="unitPrice"/> in <paramref name="category"/>; 0 when it does not apply or is not cheaper.
    /// Coupons are basket-level and give 0 here.
    /// </summary>
    public static long LineDiscount(Promotion promotion, string sku, string category, int quantity, long unitPrice)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        var gross = unitPrice * quantity;
        switch (promotion)
        {
            case MultiBuy p when string.Equals(p.Sku, sku, StringComparison.Ordinal) && p.BuyQuantity >= 1:
                var groups = quantity / p.BuyQuantity;
                var leftover = quantity % p.BuyQuantity;
                var promotional = (groups * p.BundlePrice) + (leftover * unitPrice);
                return Math.Max(0, gross - promotional);
            case CategoryPercentOff p when string.Equals(p.Category, category, StringComparison.Ordinal):
                return MoneyMath.ApplyBasisPoints(gross, p.PercentBasisPoints);
            default:
                return 0;
        }
    }
}
