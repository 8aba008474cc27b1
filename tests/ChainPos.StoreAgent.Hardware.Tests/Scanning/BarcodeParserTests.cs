using ChainPos.StoreAgent.Hardware.Scanning;

namespace ChainPos.StoreAgent.Hardware.Tests.Scanning;

public class BarcodeParserTests
{
    [Theory]
    [InlineData("4006381333931", ScanKind.Ean13, "4006381333931")]
    [InlineData("036000291452", ScanKind.UpcA, "0036000291452")]
    [InlineData("96385074", ScanKind.Ean8, "96385074")]
    [InlineData("  4006381333931\r\n", ScanKind.Ean13, "4006381333931")]
    [InlineData("]E04006381333931", ScanKind.Ean13, "4006381333931")]
    [InlineData("\u00024006381333931\u0003", ScanKind.Ean13, "4006381333931")]
    public void Parse_ValidGtin_KindAndNormalizedCode(string raw, ScanKind kind, string code)
    {
        var scan = BarcodeParser.Parse(raw);

        Assert.Equal(new ScanResult(raw, kind, code), scan);
    }

    [Fact]
    public void Parse_PriceEmbedded_ItemCodeAndPrice()
    {
        var scan = BarcodeParser.Parse("2112345002507");

        Assert.Equal(new ScanResult("2112345002507", ScanKind.PriceEmbedded, "2112345", 250), scan);
    }

    [Theory]
    [InlineData("4006381333932", "4006381333932")] // wrong check digit
    [InlineData("2112345002503", "2112345002503")] // price-embedded with a wrong check digit
    [InlineData("SKU-00042", "SKU-00042")]
    [InlineData("12345", "12345")]
    [InlineData(" ", "")]
    public void Parse_NotAValidGtin_UnknownWithTrimmedInput(string raw, string code)
    {
        Assert.Equal(new ScanResult(raw, ScanKind.Unknown, code), BarcodeParser.Parse(raw));
    }
}
