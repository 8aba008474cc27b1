using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using static ChainPos.Grains.Tests.CommerceSetup;

namespace ChainPos.Grains.Tests;

/// <summary>An order's reservation: all lines or none, each lifecycle step once, expiry on the fake clock.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OrderReservationGrainTests(ClusterFixture fixture)
{
    /// <summary>A store with two products (A at 10.00, B at 2.50) and <paramref name="stock"/> units of each there.</summary>
    private async Task<(string Store, string A, string B)> StoreAsync(long stock)
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("st"));
        var (a, b) = ("A-" + store, "B-" + store);
        await fixture.AddProductsAsync(store, stock, (a, 1000), (b, 250));
        return (store, a, b);
    }

    [Fact]
    public async Task Reserve_Pickup_HoldsEveryLineAtTheStoreAndListsIt()
    {
        var (store, a, b) = await StoreAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("ord"));

        var view = await order.ReserveAsync(Pickup(store, (a, 2), (b, 3)));

        Assert.Equal((ReservationStatus.Active, store, "EUR", 2750L, false), (view.Status, view.PickupLocationId, view.Currency, view.Total, view.Replayed));
        Assert.Equal([(a, 2L, 1000L, 2000L), (b, 3L, 250L, 750L)], view.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice, l.LineTotal)));
        Assert.Equal([new AllocationView(store, 2)], view.Lines[0].Allocations);
        Assert.Equal(ClusterFixture.Time.GetUtcNow() + Ttl, view.ExpiresAt);
        Assert.Equal((10L, 2L), await fixture.LevelAsync(store, a));
        Assert.Equal((10L, 3L), await fixture.LevelAsync(store, b));
        var pick = Assert.Single(await fixture.Grains.GetGrain<IPickListGrain>(GrainKeys.PickList(store)).ListAsync());
        Assert.Equal((view.OrderId, view.ExpiresAt), (pick.OrderId, pick.ExpiresAt));
        Assert.Equal([(a, 2L), (b, 3L)], pick.Lines.Select(l => (l.Sku, l.Quantity)));
    }

    [Fact]
    public async Task Reserve_NoPickup_MostAvailableFirstAndSplitWhenOneCannotCover()
    {
        var (store, a, _) = await StoreAsync(stock: 10);
        var (warehouse, other) = (ClusterFixture.NewId("WH"), ClusterFixture.NewId("st2"));
        await fixture.ReceiveAsync(warehouse, a, 4);
        await fixture.ReceiveAsync(other, a, 6);
        await fixture.IndexedAsync(a, store, warehouse, other);

        var view = await fixture.Order(ClusterFixture.NewId("ord")).ReserveAsync(Ship((a, 15)));

        Assert.Equal([new AllocationView(store, 10), new AllocationView(other, 5)], Assert.Single(view.Lines).Allocations);
        Assert.Equal([(10L, 10L), (4L, 0L), (6L, 5L)], [await fixture.LevelAsync(store, a), await fixture.LevelAsync(warehouse, a), await fixture.LevelAsync(other, a)]);
    }

    [Fact]
    public async Task Reserve_OneLineShort_NothingReservedAndShortSkuNamed()
    {
        var (store, a, b) = await StoreAsync(stock: 4);
        var order = fixture.Order(ClusterFixture.NewId("ord"));

        var refused = await Assert.ThrowsAsync<PosException>(() => order.ReserveAsync(Pickup(store, (a, 2), (b, 5))));

        Assert.Equal(ErrorCode.FailedPrecondition, refused.Code);
        Assert.Equal($"SKU '{b}': 4 available at {store}, the order needs 5. Nothing was reserved.", refused.Message);
        Assert.Equal((4L, 0L), await fixture.LevelAsync(store, a));
        Assert.Equal((4L, 0L), await fixture.LevelAsync(store, b));
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<PosException>(order.GetAsync)).Code);
        Assert.Empty(await fixture.Grains.GetGrain<IPickListGrain>(GrainKeys.PickList(store)).ListAsync());

        // The same order id may try again once there is stock: the refused attempt left nothing behind.
        await fixture.ReceiveAsync(store, b, 1);
        var granted = await order.ReserveAsync(Pickup(store, (a, 2), (b, 5)));
        Assert.Equal(ReservationStatus.Active, granted.Status);
        Assert.Equal((5L, 5L), await fixture.LevelAsync(store, b));
    }

    [Fact]
    public async Task Reserve_NoPickupIndexShort_RefusedNamingChainWideAvailable()
    {
        var (store, a, _) = await StoreAsync(stock: 3);
        await fixture.IndexedAsync(a, store);

        var refused = await Assert.ThrowsAsync<PosException>(() => fixture.Order(ClusterFixture.NewId("ord")).ReserveAsync(Ship((a, 5))));

        Assert.Equal($"SKU '{a}': 3 available across the chain, the order needs 5. Nothing was reserved.", refused.Message);
        Assert.Equal((3L, 0L), await fixture.LevelAsync(store, a));
    }

    [Fact]
    public async Task Reserve_Retried_SameAnswerNoSecondHold()
    {
        var (store, a, _) = await StoreAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("ord"));

        var first = await order.ReserveAsync(Pickup(store, (a, 3)));
        var retry = await order.ReserveAsync(Pickup(store, (a, 3)));
        var different = await Assert.ThrowsAsync<PosException>(() => order.ReserveAsync(Pickup(store, (a, 4))));

        Assert.True(retry.Replayed);
        Assert.Equal(first with { Lines = [] }, retry with { Lines = [], Replayed = false });
        Assert.Equal(ErrorCode.AlreadyExists, different.Code);
        Assert.Equal((10L, 3L), await fixture.LevelAsync(store, a));
    }

    [Fact]
    public async Task CommitAndRelease_Retried_EachTakesEffectOnce()
    {
        var (store, a, b) = await StoreAsync(stock: 10);
        var paid = fixture.Order(ClusterFixture.NewId("paid"));
        var cancelled = fixture.Order(ClusterFixture.NewId("cxl"));
        await paid.ReserveAsync(Pickup(store, (a, 2), (b, 1)));
        await cancelled.ReserveAsync(Pickup(store, (a, 3)));

        var committed = await paid.CommitAsync();
        var recommitted = await paid.CommitAsync();
        var released = await cancelled.ReleaseAsync();
        var rereleased = await cancelled.ReleaseAsync();

        Assert.Equal((ReservationStatus.Committed, false, true), (committed.Status, committed.Replayed, recommitted.Replayed));
        Assert.Equal((ReservationStatus.Released, false, true), (released.Status, released.Replayed, rereleased.Replayed));
        Assert.Equal(ClusterFixture.Time.GetUtcNow(), committed.FinishedAt);
        Assert.Equal(2250, committed.Total);
        Assert.Equal((8L, 0L), await fixture.LevelAsync(store, a));
        Assert.Equal((9L, 0L), await fixture.LevelAsync(store, b));
        Assert.Equal(ErrorCode.FailedPrecondition, (await Assert.ThrowsAsync<PosException>(paid.ReleaseAsync)).Code);
        Assert.Equal(ErrorCode.FailedPrecondition, (await Assert.ThrowsAsync<PosException>(cancelled.CommitAsync)).Code);
        Assert.Empty(await fixture.Grains.GetGrain<IPickListGrain>(GrainKeys.PickList(store)).ListAsync());
        Assert.Equal((8L, 0L), await fixture.LevelAsync(store, a));
    }

    [Fact]
    public async Task Extend_ActiveReservation_MovesExpiry()
    {
        var (store, a, _) = await StoreAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("ord"));
        await order.ReserveAsync(Pickup(store, (a, 1)));

        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(20));
        var extended = await order.ExtendAsync(TimeSpan.FromHours(2));
        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(ReservationStatus.Active, (await order.GetAsync()).Status);
        Assert.Equal(ClusterFixture.Time.GetUtcNow() - TimeSpan.FromMinutes(30) + TimeSpan.FromHours(2), extended.ExpiresAt);
        Assert.Equal(extended.ExpiresAt, Assert.Single(await fixture.Grains.GetGrain<IPickListGrain>(GrainKeys.PickList(store)).ListAsync()).ExpiresAt);
    }

    [Fact]
    public async Task Expiry_ClockPastExpiry_ReleasesOnceAndCommitIsRefused()
    {
        var (store, a, _) = await StoreAsync(stock: 10);
        var expiring = fixture.Order(ClusterFixture.NewId("exp"));
        var other = fixture.Order(ClusterFixture.NewId("keep"));
        await expiring.ReserveAsync(Pickup(store, (a, 4)));

        ClusterFixture.Time.Advance(Ttl);
        await other.ReserveAsync(Pickup(store, (a, 2)));
        var commit = await Assert.ThrowsAsync<PosException>(expiring.CommitAsync);
        await Tick(expiring);
        await Tick(expiring);

        Assert.Equal(ErrorCode.FailedPrecondition, commit.Code);
        Assert.Contains("expired", commit.Message, StringComparison.Ordinal);
        Assert.Equal(ReservationStatus.Expired, (await expiring.GetAsync()).Status);
        Assert.Equal((10L, 2L), await fixture.LevelAsync(store, a));
        Assert.Equal([(await other.GetAsync()).OrderId], (await fixture.Grains.GetGrain<IPickListGrain>(GrainKeys.PickList(store)).ListAsync()).Select(p => p.OrderId));
    }

    [Fact]
    public async Task ExpiryReminder_BeforeExpiryOrAfterCommit_ChangesNothing()
    {
        var (store, a, _) = await StoreAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("ord"));
        await order.ReserveAsync(Pickup(store, (a, 4)));

        await Tick(order);
        Assert.Equal((ReservationStatus.Active, 10L, 4L), ((await order.GetAsync()).Status, (await fixture.LevelAsync(store, a)).OnHand, (await fixture.LevelAsync(store, a)).Reserved));

        await order.CommitAsync();
        ClusterFixture.Time.Advance(Ttl);
        await Tick(order);

        Assert.Equal(ReservationStatus.Committed, (await order.GetAsync()).Status);
        Assert.Equal((6L, 0L), await fixture.LevelAsync(store, a));
    }

    [Fact]
    public async Task BadInput_ClearErrorAndNothingChanged()
    {
        var (store, a, _) = await StoreAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("bad"));

        async Task<ErrorCode> CodeOf(ReserveCommand command) => (await Assert.ThrowsAsync<PosException>(() => order.ReserveAsync(command))).Code;

        Assert.Equal(ErrorCode.InvalidArgument, await CodeOf(Pickup(store, (a, 0))));
        Assert.Equal(ErrorCode.InvalidArgument, await CodeOf(Pickup(store, (a, -2))));
        Assert.Equal(ErrorCode.InvalidArgument, await CodeOf(Pickup(store)));
        Assert.Equal(ErrorCode.InvalidArgument, await CodeOf(Pickup(store, (a, 1), (a, 1))));
        Assert.Equal(ErrorCode.InvalidArgument, await CodeOf(Pickup(store, (a, 1)) with { Ttl = TimeSpan.FromSeconds(59) }));
        Assert.Equal(ErrorCode.InvalidArgument, await CodeOf(Pickup(store, (a, 1)) with { Ttl = TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1) }));
        Assert.Equal(ErrorCode.NotFound, await CodeOf(Pickup(store, ("NO-SUCH-SKU", 1))));
        Assert.Equal(ErrorCode.NotFound, await CodeOf(Pickup("NO-SUCH-STORE", (a, 1))));
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<PosException>(order.CommitAsync)).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<PosException>(order.ReleaseAsync)).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<PosException>(() => order.ExtendAsync(TimeSpan.FromHours(1)))).Code);

        Assert.Equal((10L, 0L), await fixture.LevelAsync(store, a));
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<PosException>(order.GetAsync)).Code);
    }

    /// <summary>What the reminder service does at a tick: the grain must not depend on when (or how often) it comes.</summary>
    private static Task Tick(IOrderReservationGrain order) =>
        order.AsReference<IRemindable>().ReceiveReminder("expiry", new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));
}
