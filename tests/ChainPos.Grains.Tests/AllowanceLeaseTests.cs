using System.Globalization;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Domain;

namespace ChainPos.Grains.Tests;

/// <summary>Allowances a gift card or loyalty account leases to a register for offline spending.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AllowanceLeaseTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private async Task<IGiftCardGrain> IssueAsync(long amount)
    {
        var code = "6" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var card = fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)));
        await card.LoadAsync(ClusterFixture.NewId("issue"), amount, ClusterFixture.Currency, GiftCardCodes.Mask(code));
        return card;
    }

    private static AllowanceSpend Spend(string spendId, string leaseId, long amount, string register = "R1") =>
        new(spendId, leaseId, "S-AL", register, amount, ClusterFixture.Time.GetUtcNow());

    [Fact]
    public async Task Lease_HeldOutOfAvailable_IdempotentByLeaseId_CappedByAvailable()
    {
        var card = await IssueAsync(8_000);

        var first = await card.LeaseAsync("lease-1", "S-AL", "R1", 5_000, Day);
        var retry = await card.LeaseAsync("lease-1", "S-AL", "R1", 5_000, Day);
        var second = await card.LeaseAsync("lease-2", "S-AL", "R2", 5_000, Day);

        Assert.Equal((5_000L, 0L, 3_000L, AllowanceStatus.Active), (first.Granted, first.Spent, first.AvailableAfter, first.Status));
        Assert.Equal(first.ExpiresAt, retry.ExpiresAt);
        Assert.Equal(5_000, retry.Granted);
        Assert.Equal((3_000L, 0L), (second.Granted, second.AvailableAfter)); // never more than is available
        var view = await card.GetAsync();
        Assert.Equal((8_000L, 0L), (view.Balance, view.Available));
        var hold = await Assert.ThrowsAsync<PosException>(() => card.HoldAsync("h-1", 1, ClusterFixture.Currency, TimeSpan.FromMinutes(5), null));
        Assert.Equal(ErrorCode.FailedPrecondition, hold.Code);
        var none = await Assert.ThrowsAsync<PosException>(() => card.LeaseAsync("lease-3", "S-AL", "R3", 100, Day));
        Assert.Equal(ErrorCode.FailedPrecondition, none.Code);
        var other = await Assert.ThrowsAsync<PosException>(() => card.LeaseAsync("lease-1", "S-AL", "R9", 5_000, Day));
        Assert.Equal(ErrorCode.AlreadyExists, other.Code);
    }

    [Fact]
    public async Task Return_GivesUnspentBack_SpendsChargedOnceBySpendId()
    {
        var card = await IssueAsync(10_000);
        await card.LeaseAsync("lease-r", "S-AL", "R1", 5_000, Day);

        await card.SpendLeaseAsync(Spend("sale-1:allowance:1", "lease-r", 1_200));
        await card.SpendLeaseAsync(Spend("sale-1:allowance:1", "lease-r", 1_200)); // redelivered by the outbox
        var lease = await card.GetLeaseAsync("lease-r");
        Assert.Equal((1_200L, 3_800L), (lease!.Spent, lease.Remaining));
        Assert.Equal((8_800L, 5_000L), await BalanceAsync(card));

        var returned = await card.ReturnLeaseAsync("lease-r", "S-AL", "R1");
        var again = await card.ReturnLeaseAsync("lease-r", "S-AL", "R1");

        Assert.Equal((AllowanceStatus.Returned, 0L, 8_800L), (returned.Status, returned.Remaining, returned.AvailableAfter));
        Assert.Equal(AllowanceStatus.Returned, again.Status);
        Assert.Equal((8_800L, 8_800L), await BalanceAsync(card));
        var renew = await Assert.ThrowsAsync<PosException>(() => card.RenewLeaseAsync("lease-r", "S-AL", "R1", Day));
        Assert.Equal(ErrorCode.FailedPrecondition, renew.Code);
    }

    [Fact]
    public async Task Expiry_ReleasesAfterGrace_ALateSyncedSpendIsStillChargedAndReportedBeyond()
    {
        var card = await IssueAsync(3_000);
        var lease = await card.LeaseAsync("lease-x", "S-AL", "R1", 2_000, TimeSpan.FromHours(1));
        var renewed = await card.RenewLeaseAsync("lease-x", "S-AL", "R1", TimeSpan.FromHours(2));
        Assert.Equal(lease.ExpiresAt + TimeSpan.FromHours(1), renewed.ExpiresAt);

        ClusterFixture.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(11));
        Assert.Equal((3_000L, 3_000L), await BalanceAsync(card));

        // A sale made offline before the expiry syncs late: it is charged, never lost (beyond the released allowance).
        await card.SpendLeaseAsync(Spend("late-sale:allowance:1", "lease-x", 1_500));
        await card.SpendLeaseAsync(Spend("late-sale:allowance:1", "lease-x", 1_500));
        Assert.Equal((1_500L, 1_500L), await BalanceAsync(card));
        var after = await card.GetLeaseAsync("lease-x");
        Assert.Equal((AllowanceStatus.Expired, 1_500L, 0L), (after!.Status, after.Spent, after.Remaining));
    }

    [Fact]
    public async Task Overspend_BeyondTheLease_IsChargedNotRefused()
    {
        var card = await IssueAsync(1_000);
        await card.LeaseAsync("lease-o", "S-AL", "R1", 600, Day);

        await card.SpendLeaseAsync(Spend("o-1:allowance:1", "lease-o", 500));
        await card.SpendLeaseAsync(Spend("o-2:allowance:1", "lease-o", 700));

        var lease = await card.GetLeaseAsync("lease-o");
        Assert.Equal((1_200L, 0L), (lease!.Spent, lease.Remaining));
        Assert.Equal((-200L, -200L), await BalanceAsync(card));
    }

    [Fact]
    public async Task BadInput_ClearErrors_NothingChanges()
    {
        var card = await IssueAsync(1_000);
        var unknown = fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash("6000000000000000001")));

        Assert.Equal(ErrorCode.InvalidArgument, (await Assert.ThrowsAsync<PosException>(() => card.LeaseAsync("neg", "S-AL", "R1", -5, Day))).Code);
        Assert.Equal(ErrorCode.InvalidArgument, (await Assert.ThrowsAsync<PosException>(() => card.LeaseAsync("ttl", "S-AL", "R1", 5, TimeSpan.FromDays(8)))).Code);
        Assert.Equal(ErrorCode.InvalidArgument, (await Assert.ThrowsAsync<PosException>(() => card.LeaseAsync("bad id!", "S-AL", "R1", 5, Day))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<PosException>(() => unknown.LeaseAsync("l-u", "S-AL", "R1", 5, Day))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<PosException>(() => card.ReturnLeaseAsync("nope", "S-AL", "R1"))).Code);
        await card.LeaseAsync("mine", "S-AL", "R1", 100, Day);
        Assert.Equal(ErrorCode.PermissionDenied, (await Assert.ThrowsAsync<PosException>(() => card.ReturnLeaseAsync("mine", "S-AL", "R2"))).Code);
        Assert.Equal(ErrorCode.PermissionDenied, (await Assert.ThrowsAsync<PosException>(() => card.RenewLeaseAsync("mine", "S-OTHER", "R1", Day))).Code);
        Assert.Equal((1_000L, 900L), await BalanceAsync(card));
    }

    [Fact]
    public async Task Points_LeasedHeldAndSpentOnce_NotEnrolledIsNotFound()
    {
        var customer = ClusterFixture.NewId("cust");
        var account = fixture.Grains.GetGrain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(customer));
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<PosException>(() => account.LeaseAsync("p-0", "S-AL", "R1", 10, Day))).Code);
        await account.EnrolAsync("Ada", null, "S-AL");
        await account.ApplyAsync(new LoyaltyEntry("earn-1", "S-AL", 30_000, 3_000, null, 0, new LoyaltyRuleSpecRef(50_000, 200_000), ClusterFixture.Time.GetUtcNow()));

        var lease = await account.LeaseAsync("p-1", "S-AL", "R1", 2_000, Day);
        Assert.Equal((2_000L, 1_000L), (lease.Granted, lease.AvailableAfter));
        await account.SpendLeaseAsync(Spend("ps-1:allowance:1", "p-1", 450));
        await account.SpendLeaseAsync(Spend("ps-1:allowance:1", "p-1", 450));
        await account.ReturnLeaseAsync("p-1", "S-AL", "R1");

        var view = await account.GetAsync();
        Assert.Equal((2_550L, 2_550L), (view!.Points, view.AvailablePoints));
        Assert.Equal(-450, view.Recent[0].Points);
    }

    private static async Task<(long Balance, long Available)> BalanceAsync(IGiftCardGrain card)
    {
        var view = await card.GetAsync();
        return (view.Balance, view.Available);
    }
}
