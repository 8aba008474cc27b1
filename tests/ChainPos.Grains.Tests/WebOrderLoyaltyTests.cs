using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Loyalty;
using static ChainPos.Grains.Tests.CommerceSetup;

namespace ChainPos.Grains.Tests;

/// <summary>A committed web order earns its customer's points once and keeps a sale record for reports.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WebOrderLoyaltyTests(ClusterFixture fixture)
{
    /// <summary>A store (loyalty: 1 point per euro) with product P at 12.50, <paramref name="stock"/> units of it, and an enrolled customer.</summary>
    private async Task<(string Store, string Sku, string Customer)> SetupAsync(long stock)
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("st"));
        var sku = "P-" + store;
        await fixture.AddProductsAsync(store, stock, (sku, 1250));
        var customer = ClusterFixture.NewId("cust");
        await Account(customer).EnrolAsync("Ada", null, store);
        return (store, sku, customer);
    }

    private ILoyaltyAccountGrain Account(string customer) => fixture.Grains.GetGrain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(customer));

    [Fact]
    public async Task Commit_CustomerOnReservation_EarnsOnceAndKeepsSaleRecord()
    {
        var (store, sku, customer) = await SetupAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("ord"));
        var reserved = await order.ReserveAsync(Pickup(store, (sku, 3)) with { CustomerId = customer });

        var committed = await order.CommitAsync();
        await order.CommitAsync();
        await order.CollectAsync(store);
        var account = await Account(customer).GetAsync();
        var record = await order.GetSaleRecordAsync();

        Assert.Equal(customer, reserved.CustomerId);
        Assert.Equal((37L, 3750L), (account!.Points, account.RollingSpend));
        var activity = Assert.Single(account.Recent);
        Assert.Equal(("web-order:" + committed.OrderId, store, 37L, 3750L), (activity.Reference, activity.StoreId, activity.Points, activity.Spend));
        Assert.Equal((committed.OrderId, "EUR", 3750L, store, customer, reserved.CreatedAt, committed.FinishedAt!.Value),
            (record.OrderId, record.Currency, record.Total, record.PickupLocationId, record.CustomerId, record.ReservedAt, record.CommittedAt));
        var line = Assert.Single(record.Lines);
        Assert.Equal((sku, 3L, 1250L, 3750L), (line.Sku, line.Quantity, line.UnitPrice, line.LineTotal));
        Assert.Equal([new WebOrderAllocation(store, 3)], line.Allocations);
    }

    [Fact]
    public async Task Collect_CustomerAtRegister_EarnsOnce()
    {
        var (store, sku, customer) = await SetupAsync(stock: 10);
        var order = fixture.Order(ClusterFixture.NewId("ord"));
        await order.ReserveAsync(Pickup(store, (sku, 2)));

        var collected = await order.CollectAsync(store, customer);
        var again = await order.CollectAsync(store, customer);

        Assert.Equal((customer, true), (collected.CustomerId, again.Replayed));
        Assert.Equal(25L, (await Account(customer).GetAsync())!.Points);
    }

    [Fact]
    public async Task Commit_UnknownOrOtherCustomer_RefusedAndNothingChanged()
    {
        var (store, sku, customer) = await SetupAsync(stock: 10);
        var anonymous = fixture.Order(ClusterFixture.NewId("ord"));
        var named = fixture.Order(ClusterFixture.NewId("ord"));
        await anonymous.ReserveAsync(Pickup(store, (sku, 1)));
        await named.ReserveAsync(Pickup(store, (sku, 1)) with { CustomerId = customer });

        var unknown = await Assert.ThrowsAsync<PosException>(() => anonymous.CommitForCustomerAsync("NOT-ENROLLED"));
        var other = await Assert.ThrowsAsync<PosException>(() => named.CommitForCustomerAsync("SOMEONE-ELSE"));
        var notYet = await Assert.ThrowsAsync<PosException>(named.GetSaleRecordAsync);

        Assert.Equal((ErrorCode.NotFound, "Customer 'NOT-ENROLLED' is not enrolled in loyalty."), (unknown.Code, unknown.Message));
        Assert.Equal(ErrorCode.FailedPrecondition, other.Code);
        Assert.Equal($"Order '{(await named.GetAsync()).OrderId}' was reserved for customer '{customer}', not 'SOMEONE-ELSE'.", other.Message);
        Assert.Equal(ErrorCode.FailedPrecondition, notYet.Code);
        Assert.Equal((ReservationStatus.Active, ReservationStatus.Active), ((await anonymous.GetAsync()).Status, (await named.GetAsync()).Status));
        Assert.Equal((10L, 2L), await fixture.LevelAsync(store, sku));
        Assert.Equal(0L, (await Account(customer).GetAsync())!.Points);
    }

    [Fact]
    public async Task Commit_ShippedOrderWithoutWebStore_DefaultRuleUnderStoreWeb()
    {
        var (store, sku, customer) = await SetupAsync(stock: 10);
        await fixture.IndexedAsync(sku, store);
        var order = fixture.Order(ClusterFixture.NewId("ord"));
        await order.ReserveAsync(Ship((sku, 4)) with { CustomerId = customer });

        await order.CommitAsync();
        var account = await Account(customer).GetAsync();

        Assert.Equal(50L, account!.Points);
        Assert.Equal("web", Assert.Single(account.Recent).StoreId);
        Assert.Null((await order.GetSaleRecordAsync()).PickupLocationId);
    }
}
