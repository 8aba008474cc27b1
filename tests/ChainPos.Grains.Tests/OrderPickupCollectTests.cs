using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Domain;
using static ChainPos.Grains.Tests.CommerceSetup;

namespace ChainPos.Grains.Tests;

/// <summary>Collecting a pickup order at the register: once, by its own store, only while it is active.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OrderPickupCollectTests(ClusterFixture fixture)
{
    private async Task<(string Store, string Sku)> StoreAsync(long stock)
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("st"));
        var sku = "P-" + store;
        await fixture.AddProductsAsync(store, stock, (sku, 700));
        return (store, sku);
    }

    private IPickListGrain PickList(string store) => fixture.Grains.GetGrain<IPickListGrain>(GrainKeys.PickList(store));

    [Fact]
    public async Task Reserve_ForPickupAtAStoreNotConfiguredYet_IsRefused_AndAcceptedOnceTheStoreIsConfigured()
    {
        var storeId = ClusterFixture.NewId("late");
        var sku = "P-" + storeId;
        await fixture.AddProductsAsync(ClusterFixture.NewId("elsewhere"), 10, (sku, 700));

        var refused = await Assert.ThrowsAsync<PosException>(() => fixture.Order(ClusterFixture.NewId("ord")).ReserveAsync(Pickup(storeId, (sku, 1))));
        Assert.Equal(ErrorCode.NotFound, refused.Code);

        // The silos remember stores that exist, never ones that did not (yet).
        await fixture.CreateStoreAsync(storeId);
        await fixture.AddProductsAsync(storeId, 5, (sku, 700));
        var view = await fixture.Order(ClusterFixture.NewId("ord")).ReserveAsync(Pickup(storeId, (sku, 1)));
        Assert.Equal(ReservationStatus.Active, view.Status);
    }

    [Fact]
    public async Task Reserve_PickListFailsBesideTheDecision_OrderAnswersActive_AndItsRetryReminderListsIt()
    {
        var (store, sku) = await StoreAsync(stock: 10);
        var orderId = ClusterFixture.NewId("ord");
        var order = fixture.Order(orderId);
        PickListFaults.FailOnce[orderId] = true;

        var view = await order.ReserveAsync(Pickup(store, (sku, 2)));

        // The decision is durable and holds the stock; the pick-list entry failed beside it and is not there yet.
        Assert.Equal(ReservationStatus.Active, view.Status);
        Assert.False(PickListFaults.FailOnce.ContainsKey(orderId)); // the fault did fire
        Assert.Equal((10L, 2L), await fixture.LevelAsync(store, sku));
        Assert.DoesNotContain(await PickList(store).ListAsync(), e => e.OrderId == orderId);

        // The order's retry reminder (registered when the entry failed) adds it, once.
        await order.AsReference<IRemindable>().ReceiveReminder("expiry", default);
        await order.AsReference<IRemindable>().ReceiveReminder("expiry", default);
        Assert.Single(await PickList(store).ListAsync(), e => e.OrderId == orderId);
        Assert.Equal((ReservationStatus.Active, 2L), ((await order.GetAsync()).Status, (await fixture.LevelAsync(store, sku)).Item2));
    }

    [Fact]
    public async Task Collect_ByPickupStore_CommitsOnceAndLeavesPickList()
    {
        var (store, sku) = await StoreAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("ord"));
        await order.ReserveAsync(Pickup(store, (sku, 3)));

        var collected = await order.CollectAsync(store);
        var again = await order.CollectAsync(store);

        Assert.Equal((ReservationStatus.Committed, false), (collected.Status, collected.Replayed));
        Assert.Equal((ReservationStatus.Committed, true), (again.Status, again.Replayed));
        Assert.Equal((7L, 0L), await fixture.LevelAsync(store, sku));
        Assert.Empty(await PickList(store).ListAsync());
    }

    [Fact]
    public async Task Collect_ByAnotherStore_DeniedAndNothingChanged()
    {
        var (store, sku) = await StoreAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("ord"));
        await order.ReserveAsync(Pickup(store, (sku, 2)));

        var denied = await Assert.ThrowsAsync<PosException>(() => order.CollectAsync("OTHER-STORE"));

        Assert.Equal(ErrorCode.PermissionDenied, denied.Code);
        Assert.Equal($"Order '{(await order.GetAsync()).OrderId}' is for pickup at store {store}, not OTHER-STORE.", denied.Message);
        Assert.Equal(ReservationStatus.Active, (await order.GetAsync()).Status);
        Assert.Equal((10L, 2L), await fixture.LevelAsync(store, sku));
        Assert.Single(await PickList(store).ListAsync());
    }

    [Fact]
    public async Task Collect_ShippedExpiredReleasedOrUnknown_RefusedWithClearStatus()
    {
        var (store, sku) = await StoreAsync(stock: 10);
        await fixture.IndexedAsync(sku, store);
        var shipped = fixture.Order(ClusterFixture.NewId("shp"));
        var released = fixture.Order(ClusterFixture.NewId("rel"));
        var expired = fixture.Order(ClusterFixture.NewId("exp"));
        await shipped.ReserveAsync(Ship((sku, 1)));
        await released.ReserveAsync(Pickup(store, (sku, 1)));
        await released.ReleaseAsync();
        await expired.ReserveAsync(Pickup(store, (sku, 1)));
        ClusterFixture.Time.Advance(Ttl);

        async Task<PosException> Refused(IOrderReservationGrain order) => await Assert.ThrowsAsync<PosException>(() => order.CollectAsync(store));

        var ship = await Refused(shipped);
        var rel = await Refused(released);
        var exp = await Refused(expired);
        var unknown = await Refused(fixture.Order(ClusterFixture.NewId("none")));

        Assert.Equal(ErrorCode.FailedPrecondition, ship.Code);
        Assert.Contains("is shipped, not picked up in a store", ship.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.FailedPrecondition, rel.Code);
        Assert.Contains("was released; it cannot be committed", rel.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.FailedPrecondition, exp.Code);
        Assert.Contains("expired at", exp.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.NotFound, unknown.Code);
        Assert.Equal(ReservationStatus.Expired, (await expired.GetAsync()).Status);
        Assert.Equal((10L, 0L), await fixture.LevelAsync(store, sku));
        Assert.Empty(await PickList(store).ListAsync());
    }
}
