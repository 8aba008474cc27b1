using ChainPos.StoreAgent.Hardware.Payments;

namespace ChainPos.StoreAgent.Hardware.Tests.Payments;

public class PaymentTypesTests
{
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("tok-4111 1111 1111 1111")]
    [InlineData("5555-5555-5555-4444")]
    [InlineData("123456789012")]
    public void PaymentToken_PossibleCardNumber_Throws(string value)
    {
        Assert.Throws<ArgumentException>(() => PaymentToken.Parse(value));
    }

    [Theory]
    [InlineData("SIM-000001")]
    [InlineData("tok_12345678901")]
    [InlineData("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6")]
    public void PaymentToken_OpaqueValue_Accepted(string value)
    {
        Assert.Equal(value, PaymentToken.Parse(value).Value);
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("123")]
    [InlineData("12a4")]
    public void CardLast4_NotExactlyFourDigits_Throws(string digits)
    {
        Assert.Throws<ArgumentException>(() => CardLast4.Parse(digits));
    }

    [Fact]
    public void CardLast4_FourDigits_MaskedForPrinting()
    {
        Assert.Equal("****0005", CardLast4.Parse("0005").Masked);
    }

    [Theory]
    [InlineData(" visa ", "VISA")]
    [InlineData("Diners Club", "DINERS CLUB")]
    public void CardBrand_Letters_TrimmedUpperCase(string name, string expected)
    {
        Assert.Equal(expected, CardBrand.Parse(name).Name);
    }

    [Theory]
    [InlineData("VISA 4111")]
    [InlineData("")]
    [InlineData("A BRAND NAME FAR TOO LONG")]
    public void CardBrand_DigitsEmptyOrTooLong_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => CardBrand.Parse(name));
    }

    [Fact]
    public void CardDeclined_ReasonWithCardNumber_IsRedacted()
    {
        Assert.Equal(
            "Card [redacted] refused, code 05",
            new CardDeclined("Card 4111 1111 1111 1111 refused, code 05").Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("AB-12")]
    public void CardApproved_BadAuthCode_Throws(string authCode)
    {
        Assert.Throws<ArgumentException>(() => new CardApproved(
            PaymentToken.Parse("t1"), CardBrand.Parse("VISA"), CardLast4.Parse("1234"), authCode));
    }
}
