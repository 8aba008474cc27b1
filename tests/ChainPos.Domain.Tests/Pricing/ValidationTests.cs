using static ChainPos.Domain.Tests.Pricing.Baskets;

namespace ChainPos.Domain.Tests.Pricing;

public class ValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Price_LineCountOutOfRange_InvalidArgument(int count)
    {
        var lines = Enumerable.Range(1, count).Select(i => Line(i, 100)).ToArray();

        var error = PriceFails(new BasketInput(lines));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"A basket must have between 1 and 500 lines (got {count}).", error.Message);
    }

    [Fact]
    public void Price_FiveHundredLines_Accepted()
    {
        var lines = Enumerable.Range(1, 500).Select(i => Line(i, 100)).ToArray();

        Assert.Equal(50_000, Price(lines).Total);
    }

    [Fact]
    public void Price_DuplicateLineNumber_InvalidArgument()
    {
        var error = PriceFails(new BasketInput([Line(4, 100), Line(4, 200)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Line 4: the line number is used more than once; give each line its own number.", error.Message);
    }

    [Theory]
    [InlineData(0, 100, null, "Line 2: quantity must be between 1 and 9999 (got 0).")]
    [InlineData(10000, 100, null, "Line 2: quantity must be between 1 and 9999 (got 10000).")]
    [InlineData(1, -1, null, "Line 2: unit price must be between 0 and 100000000 (got -1).")]
    [InlineData(1, 100_000_001, null, "Line 2: unit price must be between 0 and 100000000 (got 100000001).")]
    [InlineData(1, 100, -1L, "Line 2: price override must be between 0 and 100000000 (got -1).")]
    [InlineData(1, 100, 100_000_001L, "Line 2: price override must be between 0 and 100000000 (got 100000001).")]
    public void Price_LineValueOutOfRange_InvalidArgumentNamingLine(int quantity, long unitPrice, long? priceOverride, string message)
    {
        var error = PriceFails(new BasketInput([Line(1, 100), Line(2, unitPrice, quantity, priceOverride: priceOverride)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(9999, 100_000_000)]
    [InlineData(1, 0)]
    public void Price_LineValuesAtLimits_Accepted(int quantity, long unitPrice)
    {
        var priced = Price(Line(1, unitPrice, quantity, taxClass: "sales5"));

        Assert.Equal(quantity * unitPrice, priced.Subtotal);
    }

    [Fact]
    public void Price_UnknownTaxClass_InvalidArgumentNamingLine()
    {
        var error = PriceFails(new BasketInput([Line(7, 100, taxClass: "luxury")]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Line 7: tax class 'luxury' is not configured. Add a tax rate for it or correct the item.", error.Message);
    }

    [Fact]
    public void Price_NegativeTaxRate_InvalidArgument()
    {
        var rates = new Dictionary<string, TaxRate> { ["bad"] = new("bad", -1, false) };

        var error = Assert.Throws<DomainException>(() => PricingEngine.Price(new BasketInput([Line(1, 100, taxClass: "bad")]), rates, []));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData(DiscountKind.Percent, 0, "a percent discount must be between 1 and 10000 basis points (got 0).")]
    [InlineData(DiscountKind.Percent, 10001, "a percent discount must be between 1 and 10000 basis points (got 10001).")]
    [InlineData(DiscountKind.Amount, 0, "an amount discount must be greater than 0 (got 0).")]
    [InlineData(DiscountKind.Amount, -5, "an amount discount must be greater than 0 (got -5).")]
    [InlineData((DiscountKind)9, 10, "discount kind must be Percent or Amount (got 9).")]
    public void Price_InvalidLineDiscount_InvalidArgumentNamingLine(DiscountKind kind, long value, string message)
    {
        var error = PriceFails(new BasketInput([Line(3, 1000, discount: new Discount(kind, value, "test"))]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Line 3: " + message, error.Message);
    }

    [Theory]
    [InlineData(DiscountKind.Percent, 0, "a percent discount must be between 1 and 10000 basis points (got 0).")]
    [InlineData(DiscountKind.Percent, 10001, "a percent discount must be between 1 and 10000 basis points (got 10001).")]
    [InlineData(DiscountKind.Amount, 0, "an amount discount must be greater than 0 (got 0).")]
    public void Price_InvalidBasketDiscount_InvalidArgument(DiscountKind kind, long value, string message)
    {
        var error = PriceFails(new BasketInput([Line(1, 1000)], new Discount(kind, value, "test")));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Basket discount: " + message, error.Message);
    }
}
