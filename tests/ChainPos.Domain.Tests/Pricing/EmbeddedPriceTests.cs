using static ChainPos.Domain.Tests.Pricing.Baskets;

namespace ChainPos.Domain.Tests.Pricing;

public class EmbeddedPriceTests
{
    private static PriceLineInput Label(int lineNo, long shelfPrice, long embedded, int quantity = 1, long? priceOverride = null) =>
        Line(lineNo, shelfPrice, quantity, priceOverride: priceOverride) with { EmbeddedPrice = embedded };

    [Fact]
    public void Price_EmbeddedPrice_ReplacesTheShelfPrice()
    {
        var priced = Price(Label(1, 1_000, 250), Line(2, 199, quantity: 2));

        Assert.Equal((250L, 250L), (priced.Lines[0].UnitPrice, priced.Lines[0].Gross));
        Assert.Equal(250 + 398, priced.Total);
    }

    [Fact]
    public void Price_EmbeddedPriceWithLineDiscount_DiscountsTheLabelPrice()
    {
        var priced = Price(Label(1, 1_000, 400) with { LineDiscount = new Discount(DiscountKind.Percent, 1000, "bruised") });

        Assert.Equal((400L, 40L, 360L), (priced.Lines[0].Gross, priced.Lines[0].ManualDiscount, priced.Total));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000)]
    public void Price_EmbeddedPriceOutOfRange_InvalidArgument(long embedded)
    {
        var error = PriceFails(new BasketInput([Label(1, 100, embedded)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"Line 1: an embedded price must be between 0 and 99999 (got {embedded}).", error.Message);
    }

    [Fact]
    public void Price_EmbeddedPriceQuantityTwo_InvalidArgument()
    {
        var error = PriceFails(new BasketInput([Label(3, 100, 250, quantity: 2)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("Line 3: a price-embedded item is sold one label at a time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Price_EmbeddedPriceAndOverride_InvalidArgument()
    {
        var error = PriceFails(new BasketInput([Label(1, 100, 250, priceOverride: 200)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("Line 1: a price-embedded item is sold one label at a time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsItemOf_ProductListsTheItemsTemplate_MatchesAnyPrice()
    {
        Assert.True(Barcodes.TryParsePriceEmbedded("2112345002507", out var item, out var price));
        Assert.Equal(("2112345", 250L), (item, price));
        Assert.True(Barcodes.IsItemOf(item, ["4006381333931", "2112345000008"]));
        Assert.False(Barcodes.IsItemOf(item, ["2123456000009"]));
    }
}
