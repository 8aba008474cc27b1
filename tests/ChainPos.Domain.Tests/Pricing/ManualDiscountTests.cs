using static ChainPos.Domain.Tests.Pricing.Baskets;

namespace ChainPos.Domain.Tests.Pricing;

public class ManualDiscountTests
{
    [Fact]
    public void Price_LineAmountDiscount_SubtractedFromLine()
    {
        var priced = Price(Line(1, 500, 2, discount: new Discount(DiscountKind.Amount, 250, "damaged")));

        var line = Assert.Single(priced.Lines);
        Assert.Equal(250, line.ManualDiscount);
        Assert.Equal(750, line.Net);
        Assert.Equal(250, priced.DiscountTotal);
    }

    [Fact]
    public void Price_LinePercentDiscountAfterPromotion_AppliesToWhatPromotionLeft()
    {
        var dairy = new CategoryPercentOff("cat-dairy", "Dairy", "dairy", 1000);
        var half = new Discount(DiscountKind.Percent, 5000, "manager");

        var priced = Price(new BasketInput([Line(1, 1000, category: "dairy", discount: half)]), dairy);

        var line = Assert.Single(priced.Lines);
        Assert.Equal(100, line.PromotionDiscount);
        Assert.Equal(450, line.ManualDiscount);
        Assert.Equal(450, line.Net);
        Assert.Equal(550, priced.DiscountTotal);
    }

    [Fact]
    public void Price_HundredPercentLineDiscount_NetAndTaxZero()
    {
        var priced = Price(Line(1, 999, discount: new Discount(DiscountKind.Percent, 10000, "gift")));

        var line = Assert.Single(priced.Lines);
        Assert.Equal(0, line.Net);
        Assert.Equal(0, line.Tax);
        Assert.Equal(0, priced.Total);
    }

    [Fact]
    public void Price_LineAmountDiscountEqualToLine_NetZero()
    {
        var priced = Price(Line(1, 300, discount: new Discount(DiscountKind.Amount, 300, "free")));

        Assert.Equal(0, Assert.Single(priced.Lines).Net);
    }

    [Fact]
    public void Price_LineDiscountLargerThanLineAfterPromotion_InvalidArgumentNamingLine()
    {
        var dairy = new CategoryPercentOff("cat-dairy", "Dairy", "dairy", 1000);
        var tooMuch = new Discount(DiscountKind.Amount, 950, "oops");

        var error = PriceFails(new BasketInput([Line(1, 100), Line(3, 1000, category: "dairy", discount: tooMuch)]), dairy);

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Line 3: the discount of 950 is larger than the amount it applies to (900). Lower the discount.", error.Message);
    }

    [Fact]
    public void Price_BasketPercentDiscount_SharedProRataExactly()
    {
        var basket = new BasketInput(
            [Line(1, 1000), Line(2, 500), Line(3, 250)],
            new Discount(DiscountKind.Percent, 1000, "staff"));

        var priced = Price(basket);

        Assert.Equal([100L, 50L, 25L], priced.Lines.Select(l => l.BasketDiscount));
        Assert.Equal(175, priced.DiscountTotal);
        Assert.Equal(1575, priced.Total);
    }

    [Fact]
    public void Price_BasketAmountDiscountWithRemainder_LargestRemainderSumsExactly()
    {
        var basket = new BasketInput(
            [Line(1, 100), Line(2, 100), Line(3, 100)],
            new Discount(DiscountKind.Amount, 100, "goodwill"));

        var priced = Price(basket);

        Assert.Equal([34L, 33L, 33L], priced.Lines.Select(l => l.BasketDiscount));
        Assert.Equal([66L, 67L, 67L], priced.Lines.Select(l => l.Net));
        Assert.Equal(200, priced.Total);
    }

    [Fact]
    public void Price_CouponThenBasketPercent_PercentOnBasketAfterCoupon()
    {
        var coupon = new CouponAmountOff("cp-5", "5 off", "FIVE", 500, 0);
        var basket = new BasketInput([Line(1, 3000)], new Discount(DiscountKind.Percent, 1000, "staff"), ["FIVE"]);

        var priced = Price(basket, coupon);

        var line = Assert.Single(priced.Lines);
        Assert.Equal(750, line.BasketDiscount); // 500 + 10 % of 2500
        Assert.Equal(2250, line.Net);
        Assert.Equal(750, priced.DiscountTotal);
    }

    [Fact]
    public void Price_BasketAmountDiscountLargerThanBasket_InvalidArgument()
    {
        var basket = new BasketInput([Line(1, 400)], new Discount(DiscountKind.Amount, 401, "too much"));

        var error = PriceFails(basket);

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Basket discount: the discount of 401 is larger than the amount it applies to (400). Lower the discount.", error.Message);
    }

    [Fact]
    public void Price_AllDiscountKinds_TotalsAddUp()
    {
        var drinks = new CategoryPercentOff("cat-drinks", "Drinks", "drinks", 2000);
        var coupon = new CouponAmountOff("cp-1", "1 off", "ONE", 100, 0);
        var basket = new BasketInput(
            [
                Line(1, 400, 3, sku: "COLA", category: "drinks"),
                Line(2, 1999, taxClass: "sales5", discount: new Discount(DiscountKind.Amount, 99, "dent")),
                Line(3, 250, 4, taxClass: "vat5"),
            ],
            new Discount(DiscountKind.Percent, 500, "staff"),
            ["one"]);

        var priced = Price(basket, drinks, coupon);

        // Line nets after line-level steps: 960, 1900, 1000 (3860). Coupon 100 → 25/49/26;
        // 5 % of the remaining 3760 = 188 → 47/92/49.
        Assert.Equal([240L, 0L, 0L], priced.Lines.Select(l => l.PromotionDiscount));
        Assert.Equal([0L, 99L, 0L], priced.Lines.Select(l => l.ManualDiscount));
        Assert.Equal([72L, 141L, 75L], priced.Lines.Select(l => l.BasketDiscount));
        Assert.Equal([888L, 1759L, 925L], priced.Lines.Select(l => l.Net));
        Assert.Equal([148L, 88L, 44L], priced.Lines.Select(l => l.Tax));
        Assert.Equal(4199, priced.Subtotal);
        Assert.Equal(627, priced.DiscountTotal);
        Assert.Equal(280, priced.TaxTotal);
        Assert.Equal(3660, priced.Total);
        Assert.Equal(priced.Subtotal - priced.DiscountTotal, priced.Lines.Sum(l => l.Net));
        Assert.Equal(priced.Taxes.Sum(t => t.Tax), priced.Lines.Sum(l => l.Tax));
        Assert.Equal(priced.Lines.Sum(l => l.Net) + priced.Taxes.Single(t => !t.Inclusive).Tax, priced.Total);
        Assert.Equal(["cat-drinks", "cp-1"], priced.AppliedPromotions);
    }
}
