using static ChainPos.Domain.Tests.Pricing.Baskets;

namespace ChainPos.Domain.Tests.Pricing;

public class CouponTests
{
    private static readonly CouponAmountOff FiveOffTwenty = new("cp-save5", "5.00 off 20.00", "SAVE5", 500, 2000);

    [Fact]
    public void Price_CouponMinimumMet_AmountSharedProRataAndTaxOnReducedNet()
    {
        var basket = new BasketInput([Line(1, 1500), Line(2, 1000)], CouponCodes: ["save5"]);

        var priced = Price(basket, FiveOffTwenty);

        Assert.Equal([300L, 200L], priced.Lines.Select(l => l.BasketDiscount));
        Assert.Equal([1200L, 800L], priced.Lines.Select(l => l.Net));
        // 2000 − round(1666.67) = 333, split 199.8 / 133.2 → 200 / 133.
        Assert.Equal([200L, 133L], priced.Lines.Select(l => l.Tax));
        Assert.Equal(2500, priced.Subtotal);
        Assert.Equal(500, priced.DiscountTotal);
        Assert.Equal(333, priced.TaxTotal);
        Assert.Equal(2000, priced.Total);
        Assert.Equal(["cp-save5"], priced.AppliedPromotions);
        Assert.All(priced.Lines, l => Assert.Empty(l.Promotions));
    }

    [Fact]
    public void Price_CouponWithoutMinimum_Applies()
    {
        var anyBasket = new CouponAmountOff("cp-1", "1.00 off", "ONE", 100, 0);

        var priced = Price(new BasketInput([Line(1, 250)], CouponCodes: ["ONE"]), anyBasket);

        Assert.Equal(150, priced.Total);
        Assert.Equal(100, Assert.Single(priced.Lines).BasketDiscount);
    }

    [Fact]
    public void Price_CouponMinimumNotMet_FailedPreconditionNamingMinimum()
    {
        var error = PriceFails(new BasketInput([Line(1, 1500)], CouponCodes: ["SAVE5"]), FiveOffTwenty);

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Equal(
            "coupon 'SAVE5' needs a basket of at least 2000 after line discounts (the basket is 1500). Add items or remove the coupon.",
            error.Message);
    }

    [Fact]
    public void Price_CouponMinimumCheckedAfterLineDiscounts_FailedPrecondition()
    {
        // 22.00 gross, but 10 % off leaves 19.80, under the 20.00 minimum.
        var basket = new BasketInput([Line(1, 2200, category: "dairy")], CouponCodes: ["SAVE5"]);
        var dairy = new CategoryPercentOff("cat-dairy", "Dairy", "dairy", 1000);

        var error = PriceFails(basket, FiveOffTwenty, dairy);

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
    }

    [Fact]
    public void Price_UnknownCoupon_InvalidArgument()
    {
        var error = PriceFails(new BasketInput([Line(1, 5000)], CouponCodes: ["NOPE"]), FiveOffTwenty);

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("coupon 'NOPE' is not valid. Check the code or remove it.", error.Message);
    }

    [Fact]
    public void Price_SameCouponPresentedTwice_AppliedOnce()
    {
        var priced = Price(new BasketInput([Line(1, 5000)], CouponCodes: ["SAVE5", "save5"]), FiveOffTwenty);

        Assert.Equal(500, priced.DiscountTotal);
        Assert.Equal(["cp-save5"], priced.AppliedPromotions);
    }

    [Fact]
    public void Price_CouponNotPresented_NotApplied()
    {
        var priced = Price(new BasketInput([Line(1, 5000)]), FiveOffTwenty);

        Assert.Equal(0, priced.DiscountTotal);
        Assert.Empty(priced.AppliedPromotions);
    }

    [Fact]
    public void Price_CouponLargerThanBasket_InvalidArgument()
    {
        var big = new CouponAmountOff("cp-big", "Big", "BIG", 1000, 0);

        var error = PriceFails(new BasketInput([Line(1, 600)], CouponCodes: ["BIG"]), big);

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("Coupon 'BIG': the discount of 1000 is larger than what is left of the basket (600).", error.Message);
    }
}
