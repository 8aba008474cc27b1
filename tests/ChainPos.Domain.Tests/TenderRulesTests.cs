namespace ChainPos.Domain.Tests;

public class TenderRulesTests
{
    [Fact]
    public void Settle_CashOverTotal_GivesChange()
    {
        Assert.Equal(new TenderSettlement(1250, 2000, 750), TenderRules.Settle(1250, [new(TenderKind.Cash, 2000)]));
    }

    [Fact]
    public void Settle_SplitCardAndCash_ChangeFromCash()
    {
        var settlement = TenderRules.Settle(5000, [new(TenderKind.Card, 3000), new(TenderKind.Cash, 2500)]);

        Assert.Equal(new TenderSettlement(5000, 5500, 500), settlement);
    }

    [Theory]
    [InlineData(TenderKind.Card)]
    [InlineData(TenderKind.GiftCard)]
    [InlineData(TenderKind.LoyaltyPoints)]
    public void Settle_NonCashExactTotal_NoChange(TenderKind kind)
    {
        Assert.Equal(new TenderSettlement(5000, 5000, 0), TenderRules.Settle(5000, [new(kind, 5000)]));
    }

    [Fact]
    public void Settle_GiftCardOverTotal_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => TenderRules.Settle(1000, [new(TenderKind.GiftCard, 1500)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("card/gift card/points tenders exceed the total by 500; only cash can be over-tendered", error.Message);
    }

    [Fact]
    public void Settle_CardPlusGiftCardOverTotalWithCash_InvalidArgument()
    {
        TenderInput[] tenders = [new(TenderKind.Card, 800), new(TenderKind.GiftCard, 300), new(TenderKind.Cash, 100)];

        var error = Assert.Throws<DomainException>(() => TenderRules.Settle(1000, tenders));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("card/gift card/points tenders exceed the total by 100;", error.Message);
    }

    [Fact]
    public void Settle_TendersShort_FailedPrecondition()
    {
        var error = Assert.Throws<DomainException>(
            () => TenderRules.Settle(1000, [new(TenderKind.Cash, 600), new(TenderKind.Card, 100)]));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Equal("tenders are short of the total by 300. Add a tender for the rest.", error.Message);
    }

    [Fact]
    public void Settle_ZeroTotalNoTenders_SettlesToZero()
    {
        Assert.Equal(new TenderSettlement(0, 0, 0), TenderRules.Settle(0, []));
    }

    [Fact]
    public void Settle_ZeroTotalWithCash_AllCashIsChange()
    {
        Assert.Equal(new TenderSettlement(0, 200, 200), TenderRules.Settle(0, [new(TenderKind.Cash, 200)]));
    }

    [Fact]
    public void Settle_NoTendersForNonZeroTotal_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => TenderRules.Settle(100, []));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Between 1 and 10 tenders are needed (got 0).", error.Message);
    }

    [Fact]
    public void Settle_ElevenTenders_InvalidArgument()
    {
        var tenders = Enumerable.Repeat(new TenderInput(TenderKind.Cash, 100), 11).ToList();

        var error = Assert.Throws<DomainException>(() => TenderRules.Settle(1100, tenders));

        Assert.Equal("Between 1 and 10 tenders are needed (got 11).", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Settle_TenderAmountNotPositive_InvalidArgumentNamingTender(long amount)
    {
        var error = Assert.Throws<DomainException>(
            () => TenderRules.Settle(1000, [new(TenderKind.Cash, 1000), new(TenderKind.Card, amount)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"Tender 2: the amount must be greater than 0 (got {amount}).", error.Message);
    }

    [Fact]
    public void Settle_NegativeTotal_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => TenderRules.Settle(-1, [new(TenderKind.Cash, 100)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void SettleRefund_TendersMatchRefund_NoChange()
    {
        var settlement = TenderRules.SettleRefund(1500, [new(TenderKind.Card, 1000), new(TenderKind.Cash, 500)]);

        Assert.Equal(new TenderSettlement(1500, 1500, 0), settlement);
    }

    [Theory]
    [InlineData(1499)]
    [InlineData(1501)]
    public void SettleRefund_TendersDoNotMatch_InvalidArgument(long cash)
    {
        var error = Assert.Throws<DomainException>(() => TenderRules.SettleRefund(1500, [new(TenderKind.Cash, cash)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"The refund tenders add up to {cash} but the refund total is 1500. Make them add up exactly.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void SettleRefund_RefundTotalNotPositive_InvalidArgument(long refundTotal)
    {
        var error = Assert.Throws<DomainException>(() => TenderRules.SettleRefund(refundTotal, [new(TenderKind.Cash, 10)]));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void SettleRefund_NoTenders_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => TenderRules.SettleRefund(100, []));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }
}
