using ChainPos.Abstractions.Commerce;
using Npgsql;

namespace ChainPos.Integration.Tests;

/// <summary>An order's expiry reminder is a row of the database: a cluster started after a full stop releases the reservation.</summary>
public sealed class ReservationRestartTests
{
    private const string ServiceId = "reservation-restart-svc";
    private const string Store = "S1";
    private const string Sku = "A";
    private const string OrderId = "web-1";

    [Fact]
    public async Task Expiry_AfterFullClusterRestart_ReminderFiresOnNewClusterAndReleasesOnce()
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

        // Nothing runs now: the reservation is still active in the database, and its reminder is a row there.
        Assert.Equal(1, await CommerceCluster.CountExpiryRemindersAsync(db, ServiceId, OrderId));
        Assert.Equal((int)Grains.Commerce.OrderPhase.Active, await PhaseAsync(db));

        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId, configureSilo: CommerceCluster.Configure))
        {
            var chain = new Chain(cluster.Client);

            // Only the stock is read (that does not wake the order): the reminder alone must release the 6 units.
            var level = await Eventually.UntilAsync(() => chain.Stock(Store, Sku).GetAsync(), l => l.Reserved == 1);
            Assert.Equal((10L, 1L), (level.OnHand, level.Reserved));
            Assert.Equal(0, await Eventually.UntilAsync(() => CommerceCluster.CountExpiryRemindersAsync(db, ServiceId, OrderId), n => n == 0));
            Assert.Equal((int)Grains.Commerce.OrderPhase.Expired, await PhaseAsync(db));
            Assert.Equal(ReservationStatus.Expired, (await chain.Order(OrderId).GetAsync()).Status);
            Assert.Equal(ReservationStatus.Active, (await chain.Order("web-keep").GetAsync()).Status);
            level = await chain.Stock(Store, Sku).GetAsync();
            Assert.Equal((10L, 1L), (level.OnHand, level.Reserved));
        }
    }

    /// <summary>The order's phase as stored (JSON in pos_grain_state), read without activating the grain.</summary>
    private static async Task<int> PhaseAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'Phase' FROM pos_grain_state WHERE service_id = @s AND state_name = 'order-reservation' AND grain_key_ext = @k",
            connection);
        command.Parameters.AddWithValue("s", ServiceId);
        command.Parameters.AddWithValue("k", "order:" + OrderId);
        return int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
