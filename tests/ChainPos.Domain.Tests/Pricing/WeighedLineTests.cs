using static ChainPos.Domain.Tests.Pricing.Baskets;

namespace ChainPos.Domain.Tests.Pricing;

public class WeighedLineTests
{
    private static PriceLineInput Weighed(int lineNo, long pricePerKg, int? grams, int quantity = 1) =>
        Line(lineNo, pricePerKg, quantity, sku: "APPLES") with { SoldByWeight = true, WeightGrams = grams };

    [Theory]
    [InlineData(598, 512, 306)] // 306.176 rounds down
    [InlineData(199, 250, 50)] // 49.75 rounds up
    [InlineData(1000, 1005, 1005)] // exact
    [InlineData(1, 500, 1)] // 0.5 rounds half away from zero
    [InlineData(1, 499, 0)]
    [InlineData(100_000_000, 100_000, 10_000_000_000)] // the largest price times the heaviest weight
    public void Price_WeighedLine_AmountIsPricePerKgTimesGramsRoundedOnce(long pricePerKg, int grams, long amount)
    {
        var priced = Price(Weighed(1, pricePerKg, grams));

        Assert.Equal((pricePerKg, amount, amount, 1, (int?)grams),
            (priced.Lines[0].UnitPrice, priced.Lines[0].Gross, priced.Total, priced.Lines[0].Quantity, priced.Lines[0].WeightGrams));
    }

    [Fact]
    public void Price_WeighedAndEachLines_SubtotalAndTaxOnTheWeighedAmount()
    {
        var priced = Price(Weighed(1, 598, 512), Line(2, 199, quantity: 2));

        Assert.Equal(306 + 398, priced.Subtotal);
        Assert.Equal(306 + 398, priced.Total);
        Assert.Equal(51 + 66, priced.TaxTotal); // 20 % inclusive of 306 is 51, of 398 is 66
        Assert.Null(priced.Lines[1].WeightGrams);
    }

    [Fact]
    public void Price_WeighedLineWithPercentDiscount_DiscountsTheWeighedAmount()
    {
        var priced = Price(Weighed(1, 598, 512) with { LineDiscount = new Discount(DiscountKind.Percent, 1000, "bruised") });

        Assert.Equal((306L, 31L, 275L), (priced.Lines[0].Gross, priced.Lines[0].ManualDiscount, priced.Total));
    }

    [Fact]
    public void Price_WeighedLineWithPriceOverride_OverrideIsPerKilogram()
    {
        var priced = Price(Weighed(1, 598, 500) with { PriceOverride = 400 });

        Assert.Equal((400L, 200L), (priced.Lines[0].UnitPrice, priced.Lines[0].Gross));
    }

    [Fact]
    public void Price_WeighedLineInCategoryPromotion_PercentOfTheWeighedAmount()
    {
        var priced = Price(new BasketInput([Weighed(1, 598, 512)]), new CategoryPercentOff("fresh", "Fresh 10 %", "general", 1000));

        Assert.Equal((31L, 275L), (priced.Lines[0].PromotionDiscount, priced.Total));
    }

    [Fact]
    public void Price_SoldByWeightWithoutWeight_InvalidArgument()
    {
        var error = PriceFails(new BasketInput([Weighed(2, 598, null)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Line 2: SKU 'APPLES' is sold by weight; weigh it or scan its weight label.", error.Message);
    }

    [Fact]
    public void Price_WeightOnAnEachProduct_InvalidArgument()
    {
        var error = PriceFails(new BasketInput([Line(1, 199) with { WeightGrams = 500 }]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Line 1: SKU 'SKU-1' is sold by the unit, not by weight; remove the weight.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100_001)]
    public void Price_WeightOutOfRange_InvalidArgument(int grams)
    {
        var error = PriceFails(new BasketInput([Weighed(1, 598, grams)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"Line 1: a weight must be between 1 and 100000 grams (got {grams}).", error.Message);
    }

    [Fact]
    public void Price_WeighedLineQuantityTwo_InvalidArgument()
    {
        var error = PriceFails(new BasketInput([Weighed(1, 598, 500, quantity: 2)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("Line 1: a weighed item is one line per weighing, quantity 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Price_WeighedLineWithPriceLabel_InvalidArgument()
    {
        var error = PriceFails(new BasketInput([Weighed(1, 598, 500) with { EmbeddedPrice = 250 }]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("Line 1: a weighed item is one line per weighing", error.Message, StringComparison.Ordinal);
    }
}
