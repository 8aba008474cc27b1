using static ChainPos.Domain.Tests.Pricing.Baskets;

namespace ChainPos.Domain.Tests.Pricing;

public class TaxTests
{
    [Fact]
    public void Price_ExclusiveTaxOnThreeSmallLines_RoundsOncePerClassNotPerLine()
    {
        // Per line: 10 × 5 % = 0.5 → 1 each, 3 in all. Per class: 30 × 5 % = 1.5 → 2.
        var priced = Price(Line(1, 10, taxClass: "sales5"), Line(2, 10, taxClass: "sales5"), Line(3, 10, taxClass: "sales5"));

        Assert.Equal([1L, 1L, 0L], priced.Lines.Select(l => l.Tax));
        var tax = Assert.Single(priced.Taxes);
        Assert.Equal(new TaxLine("sales5", 500, false, 30, 2), tax);
        Assert.Equal(2, priced.TaxTotal);
        Assert.Equal(32, priced.Total);
    }

    [Fact]
    public void Price_InclusiveTaxOnThreeLines_RoundsOncePerClassNotPerLine()
    {
        // Per line: 100 − round(83.33) = 17 each, 51 in all. Per class: 300 − round(250) = 50.
        var priced = Price(Line(1, 100), Line(2, 100), Line(3, 100));

        Assert.Equal([17L, 17L, 16L], priced.Lines.Select(l => l.Tax));
        Assert.Equal(new TaxLine("vat20", 2000, true, 300, 50), Assert.Single(priced.Taxes));
        Assert.Equal(50, priced.TaxTotal);
        Assert.Equal(300, priced.Total);
    }

    [Theory]
    [InlineData("sales5", 10, 1)] // 0.5 rounds away from zero
    [InlineData("sales5", 9, 0)] // 0.45
    [InlineData("sales5", 1999, 100)] // 99.95
    [InlineData("vat20", 3, 0)] // 3 − round(2.5 → 3)
    [InlineData("vat20", 1000, 167)] // 1000 − round(833.33)
    [InlineData("vat5", 105, 5)] // 105 − 100 exactly
    public void Price_OneLine_TaxRoundedHalfAwayFromZero(string taxClass, long price, long expectedTax)
    {
        var priced = Price(Line(1, price, taxClass: taxClass));

        Assert.Equal(expectedTax, priced.TaxTotal);
        Assert.Equal(expectedTax, Assert.Single(priced.Lines).Tax);
    }

    [Fact]
    public void Price_MixedClasses_TaxesOrderedByClassAndOnlyExclusiveTaxAdded()
    {
        var priced = Price(
            Line(1, 1000, taxClass: "vat5"),
            Line(2, 2000, taxClass: "sales5"),
            Line(3, 1000, taxClass: "vat20"));

        Assert.Equal(["sales5", "vat20", "vat5"], priced.Taxes.Select(t => t.TaxClass));
        Assert.Equal([100L, 167L, 48L], priced.Taxes.Select(t => t.Tax)); // 1000 − round(952.38) = 48
        Assert.Equal(315, priced.TaxTotal);
        Assert.Equal(4000, priced.Subtotal);
        Assert.Equal(4100, priced.Total);
    }

    [Fact]
    public void Price_ManyUnevenLines_LineTaxesSumToClassTax()
    {
        var lines = Enumerable.Range(1, 7).Select(i => Line(i, 97 * i + 13)).ToArray();

        var priced = Price(lines);

        var tax = Assert.Single(priced.Taxes);
        Assert.Equal(tax.Tax, priced.Lines.Sum(l => l.Tax));
        Assert.Equal(lines.Sum(l => l.UnitPrice), tax.Taxable);
    }

    [Fact]
    public void Price_ZeroPriceLine_HasNoTax()
    {
        var priced = Price(Line(1, 0), Line(2, 600));

        Assert.Equal([0L, 100L], priced.Lines.Select(l => l.Tax));
    }
}
