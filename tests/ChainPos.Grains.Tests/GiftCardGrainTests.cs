using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Domain;

namespace ChainPos.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GiftCardGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private async Task<IGiftCardGrain> IssueAsync(long amount)
    {
        var code = "6" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var card = fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)));
        await card.LoadAsync(ClusterFixture.NewId("issue"), amount, ClusterFixture.Currency, GiftCardCodes.Mask(code));
        return card;
    }

    [Fact]
    public async Task Hold_ManyConcurrent_NeverExceedsBalance()
    {
        var card = await IssueAsync(10_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                await card.HoldAsync($"h-{i}", 700, ClusterFixture.Currency, Ttl, null);
                return true;
            }
            catch (PosException e) when (e.Code == ErrorCode.FailedPrecondition)
            {
                return false;
            }
        }));

        Assert.Equal(14, outcomes.Count(o => o));
        Assert.Equal(200, (await card.GetAsync()).Available);
        Assert.Equal(10_000, (await card.GetAsync()).Balance);
    }

    [Fact]
    public async Task Capture_Twice_DebitsOnce()
    {
        var card = await IssueAsync(5000);
        await card.HoldAsync("cap", 1200, ClusterFixture.Currency, Ttl, null);

        await card.CaptureAsync("cap");
        await card.CaptureAsync("cap");

        var view = await card.GetAsync();
        Assert.Equal(3800, view.Balance);
        Assert.Equal(3800, view.Available);
    }

    [Fact]
    public async Task Hold_ExpiredWithoutOwner_IsReleased()
    {
        var card = await IssueAsync(1000);
        await card.HoldAsync("exp", 1000, ClusterFixture.Currency, TimeSpan.FromMinutes(1), null);

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(2));
        var next = await card.HoldAsync("after", 1000, ClusterFixture.Currency, Ttl, null);

        Assert.Equal(0, next.AvailableAfter);
        await Assert.ThrowsAsync<PosException>(() => card.CaptureAsync("exp"));
    }

    [Fact]
    public async Task Hold_ExpiredOwnedBySaleNeverCommitted_IsReleasedAfterAskingRegister()
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("gst"));
        var card = await IssueAsync(1000);
        await card.HoldAsync("owned", 1000, ClusterFixture.Currency, TimeSpan.FromMinutes(1), new HoldOwner(store, "R1", "never-committed"));

        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(90)); // expired, but within the settle delay: still held
        var early = await Assert.ThrowsAsync<PosException>(() => card.HoldAsync("early", 1, ClusterFixture.Currency, Ttl, null));
        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(1));
        var late = await card.HoldAsync("late", 1000, ClusterFixture.Currency, Ttl, null);

        Assert.Equal(ErrorCode.FailedPrecondition, early.Code);
        Assert.Equal(0, late.AvailableAfter);
    }

    [Fact]
    public async Task Sale_PaidByGiftCardAndCash_CapturesExactlyOnce()
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("gcs"));
        await fixture.AddProductsAsync(store, 10, ("G-" + store, 4000));
        var code = "6012345678901234";
        var card = fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)));
        await card.LoadAsync(ClusterFixture.NewId("issue"), 2500, ClusterFixture.Currency, GiftCardCodes.Mask(code));
        var before = (await card.GetAsync()).Balance;
        var register = fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(store, "R1"));
        await register.OpenShiftAsync(new OpenShiftCommand("s", "cashier", "1234", 0));
        var sale = new CompleteSaleCommand("gc-sale", ClusterFixture.Currency, [new SaleLineSpec("G-" + store, 1)],
            [new TenderSpec(TenderType.GiftCard, 2500, GiftCardCode: code), new TenderSpec(TenderType.Cash, 2000)]);

        var receipt = await register.CompleteSaleAsync(sale);
        await register.FlushOutboxAsync();
        await register.CompleteSaleAsync(sale);
        await register.FlushOutboxAsync();

        Assert.Equal(500, receipt.Change);
        Assert.Equal(before - 2500, (await card.GetAsync()).Balance);
        Assert.Equal(SaleOutcome.Committed, await register.GetSaleOutcomeAsync("gc-sale"));
    }

    [Fact]
    public async Task Sale_GiftCardShort_VoidsItsHoldAndChargesNothing()
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("gcf"));
        await fixture.AddProductsAsync(store, 10, ("F-" + store, 4000));
        var card = await IssueAsync(1000);
        var register = fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(store, "R1"));
        await register.OpenShiftAsync(new OpenShiftCommand("s", "cashier", "1234", 0));
        var code = "6099999999999999";
        var other = fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)));
        await other.LoadAsync(ClusterFixture.NewId("issue"), 3000, ClusterFixture.Currency, GiftCardCodes.Mask(code));

        // The first card is fine, the second has too little: the first hold must be released.
        var e = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(new CompleteSaleCommand("gc-fail", ClusterFixture.Currency,
            [new SaleLineSpec("F-" + store, 1)],
            [new TenderSpec(TenderType.GiftCard, 3000, GiftCardCode: code), new TenderSpec(TenderType.GiftCard, 1000, GiftCardCode: code)])));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
        Assert.Equal(3000, (await other.GetAsync()).Available);
        Assert.Equal(1000, (await card.GetAsync()).Available);
        Assert.Equal(0, (await register.GetShiftReportAsync()).LastReceiptSequence);
    }

    [Fact]
    public async Task Sale_WithPrePlacedHoldThatExpired_IsRefusedAndChangesNothing()
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("gce"));
        await fixture.AddProductsAsync(store, 10, ("E-" + store, 1500));
        const string code = "6055555555555555";
        var card = fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)));
        await card.LoadAsync(ClusterFixture.NewId("issue"), 1500, ClusterFixture.Currency, GiftCardCodes.Mask(code));
        var holdId = ClusterFixture.NewId("pre");
        await card.HoldAsync(holdId, 1500, ClusterFixture.Currency, TimeSpan.FromMinutes(1), null);
        var register = fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(store, "R1"));
        await register.OpenShiftAsync(new OpenShiftCommand("s", "cashier", "1234", 0));

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(2));
        var e = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(new CompleteSaleCommand("exp-sale", ClusterFixture.Currency,
            [new SaleLineSpec("E-" + store, 1)], [new TenderSpec(TenderType.GiftCard, 1500, GiftCardCode: code, HoldId: holdId)])));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
        Assert.Contains("expired", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await register.GetShiftReportAsync()).LastReceiptSequence);
        Assert.Equal(1500, (await card.GetAsync()).Available);
        Assert.Equal(SaleOutcome.NotCommitted, await register.GetSaleOutcomeAsync("exp-sale"));
    }
}
