using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class LoyaltyAndGiftCardTests(GatewayFixture fixture)
{
    private readonly Clients _s1 = fixture.S1Agent;

    [Fact]
    public async Task EnrolCustomer_Twice_SameAccount()
    {
        var request = new EnrolCustomerRequest { CustomerId = "CUST-ENROL", DisplayName = "Bea", Email = "bea@example.com", StoreId = S1 };
        var first = await _s1.Loyalty.EnrolCustomerAsync(request);
        request.DisplayName = "Changed";
        var second = await _s1.Loyalty.EnrolCustomerAsync(request);

        Assert.Equal(("CUST-ENROL", "Bea", 0L, LoyaltyTier.Standard), (first.CustomerId, first.DisplayName, first.Points, first.Tier));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task EnrolCustomer_BadEmail_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = "CUST-MAIL", DisplayName = "Cy", Email = "nope", StoreId = S1 }));
    }

    [Fact]
    public async Task GetLoyaltyAccount_NotEnrolled_NotFound()
    {
        await Expect.StatusAsync(StatusCode.NotFound, _s1.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = "CUST-NONE" }));
    }

    [Fact]
    public async Task HoldPoints_MoreThanAvailable_FailedPrecondition()
    {
        await _s1.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = "CUST-POOR", DisplayName = "Di", StoreId = S1 });
        await Expect.StatusAsync(StatusCode.FailedPrecondition, _s1.Loyalty.HoldPointsAsync(new HoldPointsRequest { CustomerId = "CUST-POOR", HoldId = "poor-1", Points = 1, StoreId = S1 }));
    }

    [Fact]
    public async Task VoidPointsHold_UnknownHold_NotFound()
    {
        await Expect.StatusAsync(StatusCode.NotFound, _s1.Loyalty.VoidPointsHoldAsync(new VoidPointsHoldRequest { CustomerId = Customer, HoldId = "never-held" }));
    }

    [Fact]
    public async Task GiftCardHold_ThenVoid_BalanceFreedAgain()
    {
        const string code = "6000 0000 0000 0005";
        var issued = await fixture.Admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = code, OperationId = "gc-hold-void", Amount = 3000, Currency = Currency });
        Assert.Equal(("****0005", "EUR", 3000L, 3000L, "ACTIVE"), (issued.MaskedCode, issued.Currency, issued.Balance, issued.Available, issued.Status));

        var hold = await _s1.GiftCards.HoldGiftCardAsync(new HoldGiftCardRequest { Code = code, HoldId = "gc-h1", Amount = 1200, Currency = Currency });
        Assert.Equal(("gc-h1", "****0005", 1200L, 1800L, "ACTIVE"), (hold.HoldId, hold.MaskedCode, hold.Amount, hold.Available, hold.Status));
        var voided = await _s1.GiftCards.VoidGiftCardHoldAsync(new VoidGiftCardHoldRequest { Code = code, HoldId = "gc-h1" });
        Assert.Equal(("VOIDED", 3000L), (voided.Status, voided.Available));
        var balance = await _s1.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = code });
        Assert.Equal((3000L, 3000L), (balance.Balance, balance.Available));
    }

    [Fact]
    public async Task GetGiftCardBalance_NotIssued_ReportsNotIssued()
    {
        var balance = await _s1.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = "6000-0000-0000-0404" });
        Assert.Equal(("****0404", "", 0L, "NOT_ISSUED"), (balance.MaskedCode, balance.Currency, balance.Balance, balance.Status));
    }

    [Fact]
    public async Task IssueGiftCard_BadCode_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = "12345", OperationId = "gc-bad", Amount = 100, Currency = Currency }));
    }

    [Fact]
    public async Task HoldGiftCard_OverBalance_FailedPrecondition()
    {
        await Expect.StatusAsync(StatusCode.FailedPrecondition, _s1.GiftCards.HoldGiftCardAsync(new HoldGiftCardRequest { Code = GiftCard, HoldId = "gc-over", Amount = 1_000_000, Currency = Currency }));
    }

    [Fact]
    public async Task VoidGiftCardHold_UnknownHold_NotFound()
    {
        await Expect.StatusAsync(StatusCode.NotFound, _s1.GiftCards.VoidGiftCardHoldAsync(new VoidGiftCardHoldRequest { Code = GiftCard, HoldId = "never-held" }));
    }
}
