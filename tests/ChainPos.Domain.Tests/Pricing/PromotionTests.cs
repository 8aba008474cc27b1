using static ChainPos.Domain.Tests.Pricing.Baskets;

namespace ChainPos.Domain.Tests.Pricing;

public class PromotionTests
{
    private static readonly MultiBuy ThreeColasForTen = new("mb-cola", "3 for 10.00", "COLA", 3, 1000);

    [Fact]
    public void Price_MultiBuyWithLeftoverUnits_GroupsAtBundlePriceLeftoverAtUnitPrice()
    {
        // 7 × 4.00 = 28.00; two groups of 3 at 10.00 plus one unit at 4.00 = 24.00.
        var priced = Price(new BasketInput([Line(1, 400, quantity: 7, sku: "COLA")]), ThreeColasForTen);

        var line = Assert.Single(priced.Lines);
        Assert.Equal(2800, line.Gross);
        Assert.Equal(400, line.PromotionDiscount);
        Assert.Equal(2400, line.Net);
        Assert.Equal(["mb-cola"], line.Promotions);
        Assert.Equal(["mb-cola"], priced.AppliedPromotions);
        Assert.Equal(400, priced.DiscountTotal);
    }

    [Theory]
    [InlineData(2, 400)] // not a full group
    [InlineData(3, 300)] // 3 × 3.00 = 9.00 is already cheaper than 10.00
    [InlineData(3, 400, "FANTA")] // other SKU
    public void Price_MultiBuyNotCheaperOrNotApplicable_NoPromotion(int quantity, long unitPrice, string sku = "COLA")
    {
        var priced = Price(new BasketInput([Line(1, unitPrice, quantity, sku: sku)]), ThreeColasForTen);

        var line = Assert.Single(priced.Lines);
        Assert.Equal(0, line.PromotionDiscount);
        Assert.Empty(line.Promotions);
        Assert.Empty(priced.AppliedPromotions);
    }

    [Fact]
    public void Price_CategoryPercentOff_RoundsDiscountHalfAwayFromZero()
    {
        // 3 × 3.33 = 9.99; 10 % = 0.999 → 1.00.
        var dairy = new CategoryPercentOff("cat-dairy", "10 % off dairy", "dairy", 1000);

        var priced = Price(
            new BasketInput([Line(1, 333, 3, category: "dairy"), Line(2, 500, category: "bakery")]),
            dairy);

        Assert.Equal([100L, 0L], priced.Lines.Select(l => l.PromotionDiscount));
        Assert.Equal([899L, 500L], priced.Lines.Select(l => l.Net));
        Assert.Equal(["cat-dairy"], priced.AppliedPromotions);
    }

    [Theory]
    [InlineData(2500, "cat-drinks", 300)] // 25 % of 12.00 = 3.00 beats the multi-buy's 2.00
    [InlineData(1000, "mb-cola", 200)] // 10 % = 1.20 loses to the multi-buy's 2.00
    public void Price_TwoPromotionsOnOneLine_BestForCustomerApplied(int percent, string expectedId, long expectedDiscount)
    {
        var drinks = new CategoryPercentOff("cat-drinks", "Drinks", "drinks", percent);

        var priced = Price(
            new BasketInput([Line(1, 400, 3, sku: "COLA", category: "drinks")]),
            ThreeColasForTen,
            drinks);

        var line = Assert.Single(priced.Lines);
        Assert.Equal(expectedDiscount, line.PromotionDiscount);
        Assert.Equal([expectedId], line.Promotions);
        Assert.Equal([expectedId], priced.AppliedPromotions);
    }

    [Fact]
    public void Price_PromotionUsesPriceOverride_DiscountOnOverriddenPrice()
    {
        var drinks = new CategoryPercentOff("cat-drinks", "Drinks", "drinks", 1000);

        var priced = Price(new BasketInput([Line(1, 1000, 2, category: "drinks", priceOverride: 800)]), drinks);

        var line = Assert.Single(priced.Lines);
        Assert.Equal(800, line.UnitPrice);
        Assert.Equal(1600, line.Gross);
        Assert.Equal(160, line.PromotionDiscount);
    }

    [Fact]
    public void Price_InvalidPromotionConfiguration_InvalidArgumentNamingPromotion()
    {
        var broken = new MultiBuy("mb-broken", "Broken", "COLA", 0, 1000);

        var error = PriceFails(new BasketInput([Line(1, 400)]), broken);

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Promotion 'mb-broken': buy quantity must be at least 1 (got 0). Fix the promotion's configuration.", error.Message);
    }
}
