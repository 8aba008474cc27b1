namespace ChainPos.Domain;

/// <summary>Loyalty points earned, their value, and tiers.</summary>
public static class LoyaltyRules
{
    /// <summary>
    /// Points for a sale: floor(spend / 10^<paramref name="minorDigits"/>) × PointsPerMajorUnit; 0 when
    /// the spend is 0 or negative. Example: 12.99 EUR at 1 point per euro earns 12 points.
    /// </summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> for minor digits outside 0..4 or a negative PointsPerMajorUnit.</exception>
    public static long PointsEarned(long netSpendMinor, int minorDigits, LoyaltyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (minorDigits is < 0 or > 4)
        {
            throw DomainException.Invalid($"Minor digits must be between 0 and 4 (got {minorDigits}).");
        }

        if (rule.PointsPerMajorUnit < 0)
        {
            throw DomainException.Invalid($"Points per major unit must not be negative (got {rule.PointsPerMajorUnit}). Fix the loyalty rule.");
        }

        return netSpendMinor <= 0
            ? 0
            : checked(netSpendMinor / MoneyMath.PowerOfTen(minorDigits) * rule.PointsPerMajorUnit);
    }

    /// <summary>What <paramref name="points"/> are worth in minor units: points × MinorPerPoint.</summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> for negative points or a bad rule.</exception>
    public static long PointsValue(long points, LoyaltyRule rule)
    {
        RequireMinorPerPoint(rule);
        if (points < 0)
        {
            throw DomainException.Invalid($"Points must not be negative (got {points}).");
        }

        return checked(points * rule.MinorPerPoint);
    }

    /// <summary>The points needed to pay <paramref name="amountMinor"/>: ceil(amount / MinorPerPoint).</summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> for a negative amount or a bad rule.</exception>
    public static long PointsFor(long amountMinor, LoyaltyRule rule)
    {
        RequireMinorPerPoint(rule);
        if (amountMinor < 0)
        {
            throw DomainException.Invalid($"The amount must not be negative (got {amountMinor}).");
        }

        return (amountMinor / rule.MinorPerPoint) + (amountMinor % rule.MinorPerPoint == 0 ? 0 : 1);
    }

    /// <summary>Gold from GoldSpend, Silver from SilverSpend, else Standard.</summary>
    public static LoyaltyTier TierFor(long rollingSpendMinor, LoyaltyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rollingSpendMinor >= rule.GoldSpend)
        {
            return LoyaltyTier.Gold;
        }

        return rollingSpendMinor >= rule.SilverSpend ? LoyaltyTier.Silver : LoyaltyTier.Standard;
    }

    private static void RequireMinorPerPoint(LoyaltyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.MinorPerPoint < 1)
        {
            throw DomainException.Invalid($"Minor units per point must be at least 1 (got {rule.MinorPerPoint}). Fix the loyalty rule.");
        }
    }
}
