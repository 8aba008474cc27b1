using ChainPos.Abstractions;
using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.Stock;

namespace ChainPos.Grains.Tests;

/// <summary>Offline quotas of a limited SKU leased by the stock grain to a register of its location.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StockQuotaLeaseTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static DateTimeOffset Expiry => ClusterFixture.Time.GetUtcNow().AddDays(1);

    private async Task<(ISkuStockGrain Stock, string Store)> LimitedAsync(long onHand, long quota, long safety = 0)
    {
        var store = ClusterFixture.NewId("S");
        var stock = fixture.Stock(store, ClusterFixture.NewId("SKU"));
        await stock.ApplyOperationAsync(new StockOperation("rcv", StockOperationKind.Receive, onHand, "test"));
        await stock.SetPolicyAsync(safety, 0, 0, quota);
        return (stock, store);
    }

    [Fact]
    public async Task Lease_HeldOutOfAvailable_IdempotentByLeaseId_CappedByQuota()
    {
        var (stock, store) = await LimitedAsync(onHand: 10, quota: 3);

        var first = await stock.LeaseQuotaAsync("q-1", store, "R1", 5, Day);
        var retry = await stock.LeaseQuotaAsync("q-1", store, "R1", 5, Day);
        var second = await stock.LeaseQuotaAsync("q-2", store, "R2", 2, Day);

        Assert.Equal((3L, 0L, 7L, AllowanceStatus.Active), (first.Granted, first.Spent, first.AvailableAfter, first.Status));
        Assert.Equal((3L, first.ExpiresAt), (retry.Granted, retry.ExpiresAt));
        Assert.Equal((2L, 5L), (second.Granted, second.AvailableAfter));
        var level = await stock.GetAsync();
        Assert.Equal((10L, 5L, 5L, 3L), (level.OnHand, level.Reserved, level.Available, level.OfflineQuota));

        // The register already holds the whole quota; another register's lease id is not reusable.
        var full = await Assert.ThrowsAsync<PosException>(() => stock.LeaseQuotaAsync("q-3", store, "R1", 1, Day));
        Assert.Equal(ErrorCode.FailedPrecondition, full.Code);
        var other = await Assert.ThrowsAsync<PosException>(() => stock.LeaseQuotaAsync("q-1", store, "R9", 1, Day));
        Assert.Equal(ErrorCode.AlreadyExists, other.Code);
        var wrongStore = await Assert.ThrowsAsync<PosException>(() => stock.LeaseQuotaAsync("q-4", "S-OTHER", "R1", 1, Day));
        Assert.Equal(ErrorCode.InvalidArgument, wrongStore.Code);
        var bad = await Assert.ThrowsAsync<PosException>(() => stock.LeaseQuotaAsync("q-5", store, "R3", 0, Day));
        Assert.Equal(ErrorCode.InvalidArgument, bad.Code);
    }

    [Fact]
    public async Task Lease_NotLimited_IsRefused()
    {
        var (stock, store) = await LimitedAsync(onHand: 10, quota: 0);

        var e = await Assert.ThrowsAsync<PosException>(() => stock.LeaseQuotaAsync("q-1", store, "R1", 2, Day));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
        Assert.Equal(0, (await stock.GetAsync()).Reserved);
    }

    [Fact]
    public async Task LeasedUnits_CannotBeReservedOnline()
    {
        var (stock, store) = await LimitedAsync(onHand: 5, quota: 2);
        await stock.LeaseQuotaAsync("q-1", store, "R1", 2, Day);

        var web = await stock.ReserveAsync("web-1", 4, allowPartial: false, Expiry);
        var partial = await stock.ReserveAsync("web-2", 4, allowPartial: true, Expiry);

        Assert.Equal(0, web.Granted);
        Assert.Equal((3L, 0L), (partial.Granted, partial.Level.Available));
    }

    [Fact]
    public async Task SyncedSales_ShrinkTheLeaseOnce_ReturnGivesTheUnsoldBack()
    {
        var (stock, store) = await LimitedAsync(onHand: 10, quota: 3);
        await stock.LeaseQuotaAsync("q-1", store, "R1", 3, Day);
        var source = $"{store}/R1";

        await stock.ApplyDeltasAsync(source, [new SequencedStockDelta(1, -2)]);
        await stock.ApplyDeltasAsync(source, [new SequencedStockDelta(1, -2)]); // redelivered by the outbox
        await stock.ApplyDeltasAsync($"{store}/R2", [new SequencedStockDelta(1, -1)]); // another register: not its lease

        var level = await stock.GetAsync();
        Assert.Equal((7L, 1L, 6L), (level.OnHand, level.Reserved, level.Available));

        var returned = await stock.ReturnQuotaAsync("q-1", store, "R1");
        var again = await stock.ReturnQuotaAsync("q-1", store, "R1");
        Assert.Equal((2L, 0L, AllowanceStatus.Returned), (returned.Spent, returned.Remaining, returned.Status)); // the unsold unit went back
        Assert.Equal(AllowanceStatus.Returned, again.Status);
        Assert.Equal((7L, 0L, 7L), ((await stock.GetAsync()).OnHand, (await stock.GetAsync()).Reserved, (await stock.GetAsync()).Available));
        var denied = await Assert.ThrowsAsync<PosException>(() => stock.ReturnQuotaAsync("q-1", store, "R2"));
        Assert.Equal(ErrorCode.PermissionDenied, denied.Code);
        var unknown = await Assert.ThrowsAsync<PosException>(() => stock.RenewQuotaAsync("q-none", store, "R1", Day));
        Assert.Equal(ErrorCode.NotFound, unknown.Code);
    }

    [Fact]
    public async Task SaleBeyondTheLease_IsAppliedNotLost()
    {
        var (stock, store) = await LimitedAsync(onHand: 4, quota: 2);
        await stock.LeaseQuotaAsync("q-1", store, "R1", 2, Day);

        await stock.ApplyDeltasAsync($"{store}/R1", [new SequencedStockDelta(1, -1), new SequencedStockDelta(2, -4)]);

        var level = await stock.GetAsync();
        Assert.Equal((-1L, 0L), (level.OnHand, level.Reserved)); // all 5 units left the shelf; nothing is held any more
        var returned = await stock.ReturnQuotaAsync("q-1", store, "R1");
        Assert.Equal((2L, 5L, 0L), (returned.Granted, returned.Spent, returned.Remaining));
    }

    [Fact]
    public async Task Lease_ExpiresAfterGrace_UnitsGoBack_RenewKeepsIt()
    {
        var (stock, store) = await LimitedAsync(onHand: 6, quota: 2);
        await stock.LeaseQuotaAsync("q-short", store, "R1", 2, TimeSpan.FromMinutes(1));
        await stock.LeaseQuotaAsync("q-long", store, "R2", 2, TimeSpan.FromMinutes(1));
        var renewed = await stock.RenewQuotaAsync("q-long", store, "R2", Day);
        Assert.Equal(AllowanceStatus.Active, renewed.Status);

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(5)); // past expiry, within the grace: still held
        Assert.Equal(0, (await stock.ReserveAsync("web-1", 3, allowPartial: false, Expiry)).Granted);

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(7)); // past expiry and grace
        var web = await stock.ReserveAsync("web-2", 4, allowPartial: false, Expiry);

        Assert.Equal((4L, 6L, 0L), (web.Granted, web.Level.Reserved, web.Level.Available));
        var expired = await stock.ReturnQuotaAsync("q-short", store, "R1");
        Assert.Equal(AllowanceStatus.Expired, expired.Status);
        var renew = await Assert.ThrowsAsync<PosException>(() => stock.RenewQuotaAsync("q-short", store, "R1", Day));
        Assert.Equal(ErrorCode.FailedPrecondition, renew.Code);
    }
}
