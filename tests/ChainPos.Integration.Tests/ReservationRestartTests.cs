using ChainPos.Abstractions.Commerce;

namespace ChainPos.Integration.Tests;

/// <summary>
/// A stock grain's reservation-expiry reminder is a row of the database (one per stock grain, not one per order): a
/// cluster started after a full stop lets the expired reservation go without anyone calling the stock or the order.
/// </summary>
public sealed class ReservationRestartTests
{
    private const string ServiceId = "reservation-restart-svc";
    private const string Store = "S1";
    private const string Sku = "A";
    private const string OrderId = "web-1";
    private const string StockKey = "stk:" + Store + "/" + Sku;

    [Fact]
    public async Task Expiry_AfterFullClusterRestart_StockReminderFiresOnNewClusterAndReleasesOnce()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("resrestart");
        var ttl = TimeSpan.FromSeconds(8); // outlives the first cluster: it is stopped well before the expiry
        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId, configureSilo: CommerceCluster.Configure))
        {
            var chain = new Chain(cluster.Client);
            await chain.ConfigureStoreAsync(Store, "R1");
            await chain.AddProductsAsync("cat-1", (Sku, 1000));
            await chain.ReceiveAsync(Store, Sku, 10);
            await chain.Order("web-keep").ReserveAsync(new ReserveCommand([new OrderLineSpec(Sku, 1)], Store, null, TimeSpan.FromHours(1)));
            var view = await chain.Order(OrderId).ReserveAsync(new ReserveCommand([new OrderLineSpec(Sku, 6)], Store, null, ttl));
            Assert.Equal(ReservationStatus.Active, view.Status);
            await cluster.StopAllSilosAsync();
        }

        // Nothing runs now: the reservation is held in the stock grain's stored ledger, and its reminder is one row.
        Assert.Equal(1, await CommerceCluster.CountStockRemindersAsync(db, ServiceId, Store, Sku));
        Assert.Equal(0, await CommerceCluster.CountExpiryRemindersAsync(db, ServiceId, OrderId));
        Assert.Equal("7", await CommerceCluster.StoredFieldAsync(db, ServiceId, "stock", StockKey, "Reserved"));
        Assert.Equal(((int)Grains.Commerce.OrderPhase.Active).ToString(System.Globalization.CultureInfo.InvariantCulture), await PhaseAsync(db));

        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId, configureSilo: CommerceCluster.Configure))
        {
            var chain = new Chain(cluster.Client);

            // Nobody calls anything: the reminder alone wakes the stock grain, which lets the 6 units go durably.
            Assert.Equal("1", await Eventually.UntilAsync(() => CommerceCluster.StoredFieldAsync(db, ServiceId, "stock", StockKey, "Reserved"), r => r == "1"));
            var level = await chain.Stock(Store, Sku).GetAsync();
            Assert.Equal((10L, 1L), (level.OnHand, level.Reserved));

            // The order records its expiry when it is next called; releasing again has no second effect.
            Assert.Equal(ReservationStatus.Expired, (await chain.Order(OrderId).GetAsync()).Status);
            Assert.True((await chain.Order(OrderId).ReleaseAsync()).Replayed);
            Assert.Equal(((int)Grains.Commerce.OrderPhase.Expired).ToString(System.Globalization.CultureInfo.InvariantCulture), await PhaseAsync(db));
            Assert.Equal(ReservationStatus.Active, (await chain.Order("web-keep").GetAsync()).Status);
            level = await chain.Stock(Store, Sku).GetAsync();
            Assert.Equal((10L, 1L), (level.OnHand, level.Reserved));

            // web-keep still holds a unit here: the stock grain keeps its one reminder.
            Assert.Equal(1, await CommerceCluster.CountStockRemindersAsync(db, ServiceId, Store, Sku));
        }
    }

    /// <summary>The order's phase as stored, read without activating the grain.</summary>
    private static Task<string?> PhaseAsync(string db) =>
        CommerceCluster.StoredFieldAsync(db, ServiceId, "order-reservation", "order:" + OrderId, "Phase");
}
