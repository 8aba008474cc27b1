namespace ChainPos.Domain;

/// <summary>How a chain's loyalty programme earns, spends and tiers.</summary>
/// <param name="PointsPerMajorUnit">Points earned per whole major unit spent (per euro, per yen, ...), at least 0.</param>
/// <param name="MinorPerPoint">What one point is worth when paying, in minor units, at least 1.</param>
/// <param name="SilverSpend">Rolling spend (minor units) from which a member is Silver.</param>
/// <param name="GoldSpend">Rolling spend (minor units) from which a member is Gold.</param>
public sealed record LoyaltyRule(int PointsPerMajorUnit, long MinorPerPoint, long SilverSpend, long GoldSpend)
{
    /// <summary>1 point per major unit, a point is worth 1 minor unit, Silver from 50,000 and Gold from 200,000 minor units.</summary>
    public static LoyaltyRule Default { get; } = new(1, 1, 50_000, 200_000);
}
