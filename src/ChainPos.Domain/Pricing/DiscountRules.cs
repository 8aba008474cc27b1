namespace ChainPos.Domain;

/// <summary>Validation and application of a manual <see cref="Discount"/>.</summary>
public static class DiscountRules
{
    /// <summary>Throws when the discount's value is out of range for its kind.</summary>
    /// <param name="discount">The discount to check.</param>
    /// <param name="where">What the discount is on, starting the message (e.g. "Line 2", "Basket").</param>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> when the value is out of range.</exception>
    public static void Validate(Discount discount, string where)
    {
        ArgumentNullException.ThrowIfNull(discount);
        switch (discount.Kind)
        {
            case DiscountKind.Percent when discount.Value is < 1 or > PricingLimits.MaxBasisPoints:
                throw DomainException.Invalid(
                    $"{where}: a percent discount must be between 1 and 10000 basis points (got {discount.Value}).");
            case DiscountKind.Amount when discount.Value < 1:
                throw DomainException.Invalid(
                    $"{where}: an amount discount must be greater than 0 (got {discount.Value}).");
            case DiscountKind.Percent or DiscountKind.Amount:
                return;
            default:
                throw DomainException.Invalid(
                    $"{where}: discount kind must be Percent or Amount (got {(int)discount.Kind}).");
        }
    }

    /// <summary>
    /// The amount the discount takes off <paramref name="remaining"/> (minor units): the percentage
    /// rounded half away from zero, or the fixed amount.
    /// </summary>
    /// <param name="discount">The discount.</param>
    /// <param name="remaining">What the discount applies to, at least 0.</param>
    /// <param name="what">What the discount is on, starting the message (e.g. "Line 2").</param>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> when the discount is invalid or a fixed amount is larger than <paramref name="remaining"/>.</exception>
    public static long AmountOff(Discount discount, long remaining, string what)
    {
        Validate(discount, what);
        if (discount.Kind == DiscountKind.Percent)
        {
            return MoneyMath.ApplyBasisPoints(remaining, (int)discount.Value);
        }

        if (discount.Value > remaining)
        {
            throw DomainException.Invalid(
                $"{what}: the discount of {discount.Value} is larger than the amount it applies to ({remaining}). Lower the discount.");
        }

        return discount.Value;
    }
}
