namespace ChainPos.Domain.Tests;

public class LoyaltyRulesTests
{
    [Fact]
    public void Default_Values_OnePointPerUnitAndTierThresholds()
    {
        Assert.Equal(new LoyaltyRule(1, 1, 50_000, 200_000), LoyaltyRule.Default);
    }

    [Theory]
    [InlineData(1299, 2, 1, 12)] // 12.99 EUR
    [InlineData(100, 2, 1, 1)]
    [InlineData(99, 2, 1, 0)]
    [InlineData(0, 2, 1, 0)]
    [InlineData(-500, 2, 1, 0)]
    [InlineData(1500, 0, 2, 3000)] // 1500 JPY at 2 points per yen
    [InlineData(12_345, 3, 1, 12)] // 12.345 KWD
    public void PointsEarned_Spend_FloorOfMajorUnitsTimesRate(long spend, int minorDigits, int pointsPerMajor, long expected)
    {
        var rule = LoyaltyRule.Default with { PointsPerMajorUnit = pointsPerMajor };

        Assert.Equal(expected, LoyaltyRules.PointsEarned(spend, minorDigits, rule));
    }

    [Fact]
    public void PointsEarned_BadMinorDigits_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => LoyaltyRules.PointsEarned(100, 5, LoyaltyRule.Default));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData(250, 1, 250)]
    [InlineData(250, 5, 1250)]
    [InlineData(0, 5, 0)]
    public void PointsValue_Points_TimesMinorPerPoint(long points, long minorPerPoint, long expected)
    {
        Assert.Equal(expected, LoyaltyRules.PointsValue(points, LoyaltyRule.Default with { MinorPerPoint = minorPerPoint }));
    }

    [Theory]
    [InlineData(1000, 10, 100)]
    [InlineData(1001, 10, 101)]
    [InlineData(1009, 10, 101)]
    [InlineData(0, 10, 0)]
    [InlineData(777, 1, 777)]
    public void PointsFor_Amount_CeilingOfAmountOverMinorPerPoint(long amount, long minorPerPoint, long expected)
    {
        Assert.Equal(expected, LoyaltyRules.PointsFor(amount, LoyaltyRule.Default with { MinorPerPoint = minorPerPoint }));
    }

    [Fact]
    public void PointsFor_ZeroMinorPerPoint_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => LoyaltyRules.PointsFor(100, LoyaltyRule.Default with { MinorPerPoint = 0 }));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData(0, LoyaltyTier.Standard)]
    [InlineData(49_999, LoyaltyTier.Standard)]
    [InlineData(50_000, LoyaltyTier.Silver)]
    [InlineData(199_999, LoyaltyTier.Silver)]
    [InlineData(200_000, LoyaltyTier.Gold)]
    [InlineData(-1, LoyaltyTier.Standard)]
    public void TierFor_RollingSpend_ThresholdsInclusive(long spend, LoyaltyTier expected)
    {
        Assert.Equal(expected, LoyaltyRules.TierFor(spend, LoyaltyRule.Default));
    }
}
