namespace ChainPos.Domain.Tests;

public class ScaleLabelLayoutTests
{
    private static readonly ScaleLabelLayout Layout = new(["22", "23"]);

    [Fact]
    public void TryDecode_WeightPrefix_ItemCodeAndGrams()
    {
        Assert.True(Layout.TryDecode("2212345005123", out var label));

        Assert.Equal(new ScaleLabel(ScaleLabelKind.Weight, "2212345", 512), label);
    }

    [Fact]
    public void TryDecode_OtherPrefix_ItemCodeAndPrice()
    {
        Assert.True(Layout.TryDecode("2112345002507", out var label));

        Assert.Equal(new ScaleLabel(ScaleLabelKind.Price, "2112345", 250), label);
    }

    [Fact]
    public void TryDecode_PriceOnlyLayout_WeightPrefixCarriesAPrice()
    {
        Assert.True(ScaleLabelLayout.PriceOnly.TryDecode("2212345005123", out var label));

        Assert.Equal(new ScaleLabel(ScaleLabelKind.Price, "2212345", 512), label);
    }

    [Theory]
    [InlineData("2212345005128")] // weight prefix, wrong check digit
    [InlineData("4006381333931")] // valid EAN-13 without prefix 2
    [InlineData("221234500512")] // 12 digits
    [InlineData(null)]
    public void TryDecode_NotAScaleLabel_False(string? code)
    {
        Assert.False(Layout.TryDecode(code, out var label));
        Assert.Equal("", label.ItemCode);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("30")]
    [InlineData("2a")]
    [InlineData("220")]
    public void Constructor_PrefixNotTwentyToTwentyNine_InvalidArgument(string prefix)
    {
        var error = Assert.Throws<DomainException>(() => new ScaleLabelLayout([prefix]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"A weight label prefix is two digits 20..29 (got '{prefix}').", error.Message);
    }

    [Fact]
    public void WeightPrefixes_DuplicatesAndOrder_SortedOnce()
    {
        Assert.Equal(["22", "28"], new ScaleLabelLayout(["28", "22", "28"]).WeightPrefixes);
    }
}
