namespace ChainPos.Domain.Tests;

public class CurrenciesTests
{
    [Theory]
    [InlineData(1234, "EUR", "12.34 EUR")]
    [InlineData(500, "JPY", "500 JPY")]
    [InlineData(-5, "USD", "-0.05 USD")]
    [InlineData(0, "USD", "0.00 USD")]
    [InlineData(100, "GBP", "1.00 GBP")]
    [InlineData(1234, "KWD", "1.234 KWD")]
    [InlineData(-1500, "KRW", "-1500 KRW")]
    [InlineData(long.MinValue, "USD", "-92233720368547758.08 USD")]
    public void Format_Amount_InvariantMajorDotMinorAndCode(long minor, string code, string expected)
    {
        Assert.Equal(expected, Currencies.Format(minor, code));
    }

    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("HUF", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("JOD", 3)]
    public void MinorDigits_KnownCode_IsoDigits(string code, int digits)
    {
        Assert.Equal(digits, Currencies.MinorDigits(code));
    }

    [Theory]
    [InlineData("USD", true)]
    [InlineData("TRY", true)]
    [InlineData("usd", false)]
    [InlineData("XXX", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsKnown_Code_TrueOnlyForSupportedUpperCase(string? code, bool known)
    {
        Assert.Equal(known, Currencies.IsKnown(code));
    }

    [Fact]
    public void Require_UnknownCode_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => Currencies.Require("eur"));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("currency must be a supported ISO 4217 code in upper case, such as 'EUR' (got 'eur').", error.Message);
    }

    [Fact]
    public void Format_UnknownCode_InvalidArgument()
    {
        Assert.Throws<DomainException>(() => Currencies.Format(100, "ABC"));
    }

    [Fact]
    public void All_RequiredCodes_Present()
    {
        string[] required = ["USD", "EUR", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "JPY", "KRW", "CAD", "AUD",
            "NZD", "MXN", "BRL", "INR", "CNY", "ZAR", "AED", "SAR", "TRY", "BHD", "KWD", "JOD"];

        Assert.All(required, code => Assert.Contains(code, Currencies.All));
    }
}
