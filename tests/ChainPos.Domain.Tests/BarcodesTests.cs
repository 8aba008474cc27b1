namespace ChainPos.Domain.Tests;

public class BarcodesTests
{
    [Theory]
    [InlineData("4006381333931", true)]
    [InlineData("5901234123457", true)]
    [InlineData("4006381333932", false)] // wrong check digit
    [InlineData("400638133393", false)] // 12 digits
    [InlineData("40063813339311", false)] // 14 digits
    [InlineData("40063813339a1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidEan13_Code_ChecksLengthDigitsAndCheckDigit(string? code, bool valid)
    {
        Assert.Equal(valid, Barcodes.IsValidEan13(code));
    }

    [Theory]
    [InlineData("036000291452", true)]
    [InlineData("036000291453", false)]
    [InlineData("03600029145", false)]
    [InlineData(null, false)]
    public void IsValidUpcA_Code_ChecksLengthDigitsAndCheckDigit(string? code, bool valid)
    {
        Assert.Equal(valid, Barcodes.IsValidUpcA(code));
    }

    [Theory]
    [InlineData("96385074", true)]
    [InlineData("96385075", false)]
    [InlineData("9638507", false)]
    [InlineData(null, false)]
    public void IsValidEan8_Code_ChecksLengthDigitsAndCheckDigit(string? code, bool valid)
    {
        Assert.Equal(valid, Barcodes.IsValidEan8(code));
    }

    [Theory]
    [InlineData("4006381333931", true)]
    [InlineData("036000291452", true)]
    [InlineData("96385074", true)]
    [InlineData("12345", false)]
    [InlineData("96385075", false)]
    [InlineData(" 96385074", false)]
    public void IsValid_Code_AnyOfTheThreeSymbologies(string code, bool valid)
    {
        Assert.Equal(valid, Barcodes.IsValid(code));
    }

    [Theory]
    [InlineData("400638133393", '1')]
    [InlineData("03600029145", '2')]
    [InlineData("9638507", '4')]
    [InlineData("0", '0')]
    public void CheckDigit_DataDigits_Gs1CheckDigit(string data, char expected)
    {
        Assert.Equal(expected, Barcodes.CheckDigit(data));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a4")]
    public void CheckDigit_NotDigits_InvalidArgument(string data)
    {
        var error = Assert.Throws<DomainException>(() => Barcodes.CheckDigit(data));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void TryParsePriceEmbedded_ValidScaleLabel_ItemCodeAndPrice()
    {
        const string data = "21" + "12345" + "00250";
        var code = data + Barcodes.CheckDigit(data);

        var parsed = Barcodes.TryParsePriceEmbedded(code, out var itemCode, out var price);

        Assert.True(parsed);
        Assert.Equal("2112345", itemCode);
        Assert.Equal(250, price);
    }

    [Fact]
    public void TryParsePriceEmbedded_MaximumPrice_ReadsFiveDigits()
    {
        const string data = "29" + "00001" + "99999";

        Assert.True(Barcodes.TryParsePriceEmbedded(data + Barcodes.CheckDigit(data), out var itemCode, out var price));
        Assert.Equal("2900001", itemCode);
        Assert.Equal(99_999, price);
    }

    [Theory]
    [InlineData("4006381333931")] // valid EAN-13, not a '2' prefix
    [InlineData("2112345002509")] // '2' prefix, wrong check digit
    [InlineData("036000291452")] // UPC-A
    [InlineData(null)]
    public void TryParsePriceEmbedded_NotPriceEmbedded_FalseWithEmptyOutputs(string? code)
    {
        Assert.False(Barcodes.TryParsePriceEmbedded(code, out var itemCode, out var price));
        Assert.Equal(string.Empty, itemCode);
        Assert.Equal(0, price);
    }
}
