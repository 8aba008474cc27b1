using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Stock;

namespace ChainPos.Grains.Tests;

/// <summary>Reservations in the stock model: granted only from available, each effect once per reservation id.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SkuStockReservationTests(ClusterFixture fixture)
{
    private static DateTimeOffset Expiry => ClusterFixture.Time.GetUtcNow().AddDays(1);

    private async Task<ISkuStockGrain> StockAsync(long onHand, long safety = 0)
    {
        var stock = fixture.Stock(ClusterFixture.NewId("L"), ClusterFixture.NewId("SKU"));
        await stock.ApplyOperationAsync(new StockOperation("rcv", StockOperationKind.Receive, onHand, "test"));
        await stock.SetPolicyAsync(safety, 0);
        return stock;
    }

    [Fact]
    public async Task Reserve_UpToAvailable_GrantsThenRefusesTheRest()
    {
        var stock = await StockAsync(onHand: 10, safety: 2);

        var first = await stock.ReserveAsync("r1", 5, allowPartial: false, Expiry);
        var second = await stock.ReserveAsync("r2", 4, allowPartial: false, Expiry);
        var partial = await stock.ReserveAsync("r3", 4, allowPartial: true, Expiry);
        var none = await stock.ReserveAsync("r4", 1, allowPartial: true, Expiry);

        Assert.Equal((5L, 3L), (first.Granted, first.Level.Available));
        Assert.Equal((0L, 5L), (second.Granted, second.Level.Reserved));
        Assert.Equal((3L, 8L, 0L), (partial.Granted, partial.Level.Reserved, partial.Level.Available));
        Assert.Equal(0, none.Granted);
        Assert.Equal((10L, 8L), ((await stock.GetAsync()).OnHand, (await stock.GetAsync()).Reserved));
    }

    [Fact]
    public async Task Reserve_SameIdTwice_SecondHasNoEffect()
    {
        var stock = await StockAsync(onHand: 10);

        var first = await stock.ReserveAsync("r1", 4, allowPartial: false, Expiry);
        var again = await stock.ReserveAsync("r1", 4, allowPartial: false, Expiry);

        Assert.Equal((4L, 4L), (first.Granted, again.Granted));
        Assert.Equal(4, (await stock.GetAsync()).Reserved);
    }

    [Fact]
    public async Task CommitAndRelease_Retried_EachAppliesOnce()
    {
        var stock = await StockAsync(onHand: 10);
        await stock.ReserveAsync("c", 3, allowPartial: false, Expiry);
        await stock.ReserveAsync("r", 2, allowPartial: false, Expiry);

        Assert.Equal(StockReservationOutcome.Applied, await stock.CommitReservationAsync("c"));
        Assert.Equal(StockReservationOutcome.AlreadyApplied, await stock.CommitReservationAsync("c"));
        Assert.Equal(StockReservationOutcome.Applied, await stock.ReleaseReservationAsync("r"));
        Assert.Equal(StockReservationOutcome.AlreadyApplied, await stock.ReleaseReservationAsync("r"));
        var commitReleased = await Assert.ThrowsAsync<PosException>(() => stock.CommitReservationAsync("r"));
        var releaseCommitted = await Assert.ThrowsAsync<PosException>(() => stock.ReleaseReservationAsync("c"));

        Assert.Equal((ErrorCode.FailedPrecondition, ErrorCode.FailedPrecondition), (commitReleased.Code, releaseCommitted.Code));
        var level = await stock.GetAsync();
        Assert.Equal((7L, 0L, 7L), (level.OnHand, level.Reserved, level.Available));
        // A reserve under an id that already ended is refused: no second hold.
        Assert.Equal(0, (await stock.ReserveAsync("r", 2, allowPartial: false, Expiry)).Granted);
    }

    [Fact]
    public async Task Release_BeforeReserveArrives_LateReserveIsRefused()
    {
        var stock = await StockAsync(onHand: 10);

        Assert.Equal(StockReservationOutcome.Unknown, await stock.ReleaseReservationAsync("late"));
        var late = await stock.ReserveAsync("late", 3, allowPartial: false, Expiry);

        Assert.Equal(0, late.Granted);
        Assert.Equal(0, (await stock.GetAsync()).Reserved);
    }

    [Fact]
    public async Task StoreSale_TakesOnHandNegative_ReservationsRefusedAndHighWaterUntouched()
    {
        var stock = await StockAsync(onHand: 5);
        await stock.ReserveAsync("web", 3, allowPartial: false, Expiry);

        Assert.True(await stock.ApplyDeltaAsync("S1/R1", 1, -4));
        Assert.False(await stock.ApplyDeltaAsync("S1/R1", 1, -4));
        var refused = await stock.ReserveAsync("web-2", 1, allowPartial: true, Expiry);

        Assert.Equal((0L, 1L, 3L, 0L), (refused.Granted, refused.Level.OnHand, refused.Level.Reserved, refused.Level.Available));
        Assert.Equal(StockReservationOutcome.Applied, await stock.CommitReservationAsync("web"));
        var level = await stock.GetAsync();
        Assert.Equal((-2L, 0L, true), (level.OnHand, level.Reserved, level.Negative));
    }

    [Fact]
    public async Task Reservation_LongPastItsExpiry_LapsesAndALateCommitStillTakesItOnce()
    {
        var stock = await StockAsync(onHand: 10);
        await stock.ReserveAsync("old", 4, allowPartial: false, ClusterFixture.Time.GetUtcNow().AddMinutes(5));
        Assert.Equal(StockReservationOutcome.Applied, await stock.ExtendReservationAsync("old", ClusterFixture.Time.GetUtcNow().AddMinutes(10)));

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var next = await stock.ReserveAsync("new", 10, allowPartial: false, ClusterFixture.Time.GetUtcNow().AddMinutes(5));

        Assert.Equal((10L, 10L), (next.Granted, next.Level.Reserved));
        Assert.Equal(StockReservationOutcome.Applied, await stock.CommitReservationAsync("old"));
        Assert.Equal(StockReservationOutcome.AlreadyApplied, await stock.CommitReservationAsync("old"));
        var level = await stock.GetAsync();
        Assert.Equal((6L, 10L), (level.OnHand, level.Reserved));
    }

    [Fact]
    public async Task ExpiryReminder_TickedTwiceAfterExpiryAndGrace_LetsEachDueReservationGoExactlyOnce()
    {
        var stock = await StockAsync(onHand: 10);
        var now = ClusterFixture.Time.GetUtcNow();
        await stock.ReserveAsync("soon-1", 3, allowPartial: false, now.AddMinutes(2));
        await stock.ReserveAsync("soon-2", 2, allowPartial: false, now.AddMinutes(2).AddMilliseconds(300));
        await stock.ReserveAsync("later", 4, allowPartial: false, now.AddHours(2));

        // Past both expiries plus the grace (30 s by default): one tick lets both go, in one bucket; the second tick finds nothing due.
        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(31));
        await TickAsync(stock);
        await TickAsync(stock);

        var level = await stock.GetAsync();
        Assert.Equal((10L, 4L), (level.OnHand, level.Reserved));
        Assert.Equal(StockReservationOutcome.AlreadyApplied, await stock.ReleaseReservationAsync("soon-1"));
        Assert.Equal(0, (await stock.ReserveAsync("soon-2", 2, allowPartial: false, ClusterFixture.Time.GetUtcNow().AddMinutes(5))).Granted);
        Assert.Equal(StockReservationOutcome.Applied, await stock.ExtendReservationAsync("later", ClusterFixture.Time.GetUtcNow().AddHours(3)));
        Assert.Equal((10L, 4L), ((await stock.GetAsync()).OnHand, (await stock.GetAsync()).Reserved));
    }

    [Fact]
    public async Task ConcurrentReservesAndRetriedSales_OneSku_GrantExactlyWhatIsAvailable()
    {
        var stock = await StockAsync(onHand: 100, safety: 5);
        for (var i = 1; i <= 20; i++)
        {
            // A register sends its sales in order (the high-water mark de-duplicates by sequence).
            await stock.ApplyDeltaAsync("till-1", i, -1);
        }

        // 300 calls at once on the reentrant grain (and retried sales among them): 75 units are available, no more.
        var grants = Enumerable.Range(0, 300).Select(i => stock.ReserveAsync($"c-{i}", 1 + (i % 3), allowPartial: i % 2 == 0, Expiry)).ToList();
        var replays = Enumerable.Range(1, 20).Select(i => stock.ApplyDeltaAsync("till-1", i, -1)).ToList();
        var answers = await Task.WhenAll(grants);
        Assert.All(await Task.WhenAll(replays), Assert.False);

        var granted = answers.Sum(a => a.Granted);
        Assert.Equal(75L, granted);
        Assert.All(answers, a => Assert.True(a.Granted == 0 || a.Granted <= 1 + (int.Parse(a.ReservationId[2..], System.Globalization.CultureInfo.InvariantCulture) % 3)));
        var commits = await Task.WhenAll(answers.Where(a => a.Granted > 0).Take(10).Select(a => stock.CommitReservationAsync(a.ReservationId)));
        Assert.All(commits, c => Assert.Equal(StockReservationOutcome.Applied, c));
        var level = await stock.GetAsync();
        var committed = answers.Where(a => a.Granted > 0).Take(10).Sum(a => a.Granted);
        Assert.Equal((80L - committed, 75L - committed, 0L), (level.OnHand, level.Reserved, level.Available));
    }

    private static Task TickAsync(ISkuStockGrain stock) =>
        stock.AsReference<IRemindable>().ReceiveReminder("reservation-expiry", new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));

    [Fact]
    public async Task EveryChange_IndexFollowsWithNewestVersion()
    {
        var location = ClusterFixture.NewId("L");
        var sku = ClusterFixture.NewId("SKU");
        var stock = fixture.Stock(location, sku);
        await fixture.ReceiveAsync(location, sku, 8);
        await stock.SetPolicyAsync(1, 0);
        await stock.ReserveAsync("r", 3, allowPartial: false, Expiry);

        await fixture.IndexedAsync(sku, location);
        var indexed = Assert.Single(await fixture.Grains.GetGrain<IAvailabilityGrain>(GrainKeys.Availability(sku)).GetAsync(null));

        Assert.Equal((location, 8L, 3L, 1L, 4L, 3L), (indexed.LocationId, indexed.OnHand, indexed.Reserved, indexed.SafetyStock, indexed.Available, indexed.Version));
    }

    [Fact]
    public async Task IndexUpdate_OlderOrRepeatedVersion_Ignored()
    {
        var index = fixture.Grains.GetGrain<IAvailabilityGrain>(GrainKeys.Availability(ClusterFixture.NewId("SKU")));
        var at = ClusterFixture.Time.GetUtcNow();

        await index.UpdateAsync(new LocationAvailability("A", 10, 2, 0, 5, at));
        await index.UpdateAsync(new LocationAvailability("A", 99, 0, 0, 4, at));
        await index.UpdateAsync(new LocationAvailability("A", 98, 0, 0, 5, at));
        await index.UpdateAsync(new LocationAvailability("B", 1, 0, 0, 1, at));

        var levels = await index.GetAsync(null);
        Assert.Equal([("A", 10L, 8L), ("B", 1L, 1L)], levels.Select(l => (l.LocationId, l.OnHand, l.Available)));
        Assert.Equal(["B"], (await index.GetAsync(["B", "C"])).Select(l => l.LocationId));
    }
}
