using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.Gateway.Tests.Till;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CheckoutSaleTests(GatewayFixture fixture)
{
    private readonly Clients _s1 = fixture.S1Agent;

    [Fact]
    public async Task CompleteSale_SplitTenderGiftCardPointsAndCash_ExactTotalsAndEffects()
    {
        var opened = await OpenShiftAsync(_s1, "R1");
        Assert.Equal(1, opened.NextReceiptSequence);

        // Sale 1 earns the points sale 2 spends: 4 × 8.99 = 35.96 → 35 × 10 points.
        var first = Sale("R1", "r1-sale-1", [Line("MUG", 4)], [Cash(4000)]);
        first.CustomerId = Customer;
        first.ExpectedTotal = 3596;
        var receipt1 = await _s1.Checkout.CompleteSaleAsync(first);
        Assert.Equal((1L, "S1-R1-000001", 3596L, 599L, 404L, 350L), (receipt1.ReceiptSequence, receipt1.ReceiptNumber, receipt1.Total, receipt1.TaxTotal, receipt1.Change, receipt1.PointsEarned));
        await Eventually.UntilAsync(() => AccountAsync(), a => a.Points == 350);

        var pointsHold = await _s1.Loyalty.HoldPointsAsync(new HoldPointsRequest { CustomerId = Customer, HoldId = "r1-points", Points = 300, StoreId = S1 });
        Assert.Equal(("r1-points", 300L, 300L, "ACTIVE"), (pointsHold.HoldId, pointsHold.Points, pointsHold.Value, pointsHold.Status));
        var cardHold = await _s1.GiftCards.HoldGiftCardAsync(new HoldGiftCardRequest { Code = GiftCard, HoldId = "r1-card", Amount = 1000, Currency = Currency });
        Assert.Equal(("****9012", 1000L, 4000L, "ACTIVE"), (cardHold.MaskedCode, cardHold.Amount, cardHold.Available, cardHold.Status));

        // T-shirt 19.99 + 3 apples (multi-buy 3 for 9.00 instead of 10.47), coupon 5.00 off shared pro rata.
        var second = Sale("R1", "r1-sale-2", [Line("TEE", 1), Line("APPLE", 3)],
            [GiftCardTender(GiftCard, 1000, "r1-card"), Points(Customer, 300, "r1-points"), Cash(2000)]);
        second.CouponCodes.Add(Coupon);
        second.CustomerId = Customer;
        second.ExpectedTotal = 2399;
        var receipt = await _s1.Checkout.CompleteSaleAsync(second);

        Assert.Equal(("r1-sale-2", 2L, "S1-R1-000002", "EUR", false), (receipt.SaleId, receipt.ReceiptSequence, receipt.ReceiptNumber, receipt.Currency, receipt.Replayed));
        Assert.Equal((3046L, 647L, 325L, 2399L, 3300L, 901L, 230L), (receipt.Subtotal, receipt.DiscountTotal, receipt.TaxTotal, receipt.Total, receipt.Tendered, receipt.Change, receipt.PointsEarned));
        Assert.Equal(["MB-APPLE", "CPN-5"], receipt.Promotions);
        Assert.Collection(
            receipt.Lines,
            l => Assert.Equal((1, "TEE", "T-shirt", 1, 1999L, 1999L, 345L, 1654L, 276L, "standard", 0), (l.LineNo, l.Sku, l.Name, l.Quantity, l.UnitPrice, l.Gross, l.Discount, l.Net, l.Tax, l.TaxClass, l.Promotions.Count)),
            l => Assert.Equal((2, "APPLE", "Apples 1 kg", 3, 349L, 1047L, 302L, 745L, 49L, "reduced", "MB-APPLE"), (l.LineNo, l.Sku, l.Name, l.Quantity, l.UnitPrice, l.Gross, l.Discount, l.Net, l.Tax, l.TaxClass, l.Promotions.Single())));
        Assert.Collection(
            receipt.Taxes,
            t => Assert.Equal(("reduced", 700, true, 745L, 49L), (t.TaxClass, t.RateBasisPoints, t.Inclusive, t.Taxable, t.Tax)),
            t => Assert.Equal(("standard", 2000, true, 1654L, 276L), (t.TaxClass, t.RateBasisPoints, t.Inclusive, t.Taxable, t.Tax)));
        Assert.NotNull(receipt.CompletedAt);

        var stock = await StockWhenAsync(_s1, new() { ["TEE"] = 99, ["APPLE"] = 97, ["MUG"] = 96 });
        Assert.Equal([99L, 97L, 96L], [stock["TEE"], stock["APPLE"], stock["MUG"]]);
        var card = await Eventually.UntilAsync(() => BalanceAsync(GiftCard), b => b.Balance == 4000);
        Assert.Equal((4000L, 4000L, "ACTIVE", "EUR"), (card.Balance, card.Available, card.Status, card.Currency));
        var account = await Eventually.UntilAsync(() => AccountAsync(), a => a.Points == 280);
        Assert.Equal((280L, 280L, 5995L, LoyaltyTier.Standard), (account.Points, account.AvailablePoints, account.RollingSpend, account.Tier));
    }

    [Fact]
    public async Task CompleteSale_RetriedSaleId_SameReceiptReplayedWithoutSecondEffect()
    {
        const string code = "6000-0000-0000-0002";
        await fixture.Admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = code, OperationId = "replay-card", Amount = 2000, Currency = Currency });
        await OpenShiftAsync(_s1, "R2");
        var request = Sale("R2", "r2-sale-1", [Line("PEN", 2)], [GiftCardTender(code, 200), Cash(100)]);

        var first = await _s1.Checkout.CompleteSaleAsync(request);
        Assert.Equal((1L, "S1-R2-000001", 300L, 50L, 0L, false), (first.ReceiptSequence, first.ReceiptNumber, first.Total, first.TaxTotal, first.Change, first.Replayed));
        await StockWhenAsync(_s1, new() { ["PEN"] = 98 });
        Assert.Equal(1800, (await Eventually.UntilAsync(() => BalanceAsync(code), b => b.Balance == 1800)).Balance);

        var retried = await _s1.Checkout.CompleteSaleAsync(request);
        Assert.True(retried.Replayed);
        retried.Replayed = false;
        Assert.Equal(first, retried);

        // Effects are delivered in commit order: once the next sale's effect shows, any second effect of the retry would have too.
        var next = await _s1.Checkout.CompleteSaleAsync(Sale("R2", "r2-sale-2", [Line("PEN", 1)], [Cash(150)]));
        Assert.Equal("S1-R2-000002", next.ReceiptNumber);
        var stock = await StockWhenAsync(_s1, new() { ["PEN"] = 97 });
        Assert.Equal(97, stock["PEN"]);
        var card = await BalanceAsync(code);
        Assert.Equal((1800L, 1800L), (card.Balance, card.Available));
    }

    private async Task<LoyaltyAccount> AccountAsync() =>
        await _s1.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = Customer });

    private async Task<GiftCardBalance> BalanceAsync(string code) =>
        await _s1.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = code });
}
