using ChainPos.Domain;
using ChainPos.StoreAgent.Hardware.Payments;
using ChainPos.StoreAgent.Hardware.Printing;

namespace ChainPos.StoreAgent.Hardware.Tests.Printing;

public class ReceiptTenderTests
{
    [Theory]
    [InlineData("6035 1234 5678 9012")]
    [InlineData("6035-1234-5678-9012")]
    [InlineData("****9012")]
    public void GiftCard_CodeOrMask_LabelShowsOnlyTheMask(string code)
    {
        var tender = ReceiptTender.GiftCard(500, code);

        Assert.Equal("Gift card ****9012", tender.Label);
        Assert.Equal(TenderKind.GiftCard, tender.Kind);
    }

    [Fact]
    public void GiftCard_NeitherCodeNorMask_ThrowsDomainException()
    {
        var error = Assert.Throws<DomainException>(() => ReceiptTender.GiftCard(500, "1234"));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void Card_BrandAndLast4_LabelIsBrandAndMaskedLast4()
    {
        var tender = ReceiptTender.Card(1999, CardBrand.Parse("mastercard"), CardLast4.Parse("0005"));

        Assert.Equal("MASTERCARD ****0005", tender.Label);
        Assert.Null(tender.AuthCode);
    }

    [Fact]
    public void Points_AmountAndPoints_LabelCountsPoints()
    {
        Assert.Equal("Points (250)", ReceiptTender.Points(250, 250).Label);
    }

    [Theory]
    [InlineData(1234L, "EUR", "12.34", "€12.34")]
    [InlineData(-5L, "GBP", "-0.05", "-£0.05")]
    [InlineData(500L, "JPY", "500", "¥500")]
    [InlineData(1234L, "CHF", "12.34", "CHF 12.34")]
    public void ReceiptMoney_Amount_FormatsWithAndWithoutSymbol(long minor, string currency, string plain, string withSymbol)
    {
        Assert.Equal(plain, ReceiptMoney.Amount(minor, currency));
        Assert.Equal(withSymbol, ReceiptMoney.WithSymbol(minor, currency, _ => true));
    }
}
