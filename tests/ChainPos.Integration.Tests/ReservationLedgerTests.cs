using ChainPos.Abstractions.Commerce;
using Npgsql;

namespace ChainPos.Integration.Tests;

/// <summary>
/// A flash sale's stock grain on the group-commit provider: the live reservations are entry rows of their own, so the
/// stock row stays small however many are live; they survive a full cluster stop, and commits and releases after the
/// restart find them, each once.
/// </summary>
public sealed class ReservationLedgerTests
{
    private const string ServiceId = "reservation-ledger-svc";
    private const string Store = "S1";
    private const string Sku = "HOT";
    private const int Orders = 240;

    [Fact]
    public async Task FlashReservations_AreEntryRowsBesideASmallStockRow_AndSurviveAFullRestart()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("resledger");
        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId, configureSilo: CommerceCluster.Configure, groupCommit: true))
        {
            var chain = new Chain(cluster.Client);
            await chain.ConfigureStoreAsync(Store, "R1");
            await chain.AddProductsAsync("cat-1", (Sku, 1_999));
            await chain.ReceiveAsync(Store, Sku, 500);
            var views = await Task.WhenAll(Enumerable.Range(0, Orders).Select(i =>
                chain.Order(OrderId(i)).ReserveAsync(new ReserveCommand([new OrderLineSpec(Sku, 1)], Store, null, TimeSpan.FromHours(1)))));
            Assert.All(views, v => Assert.Equal(ReservationStatus.Active, v.Status));
            Assert.Equal((500L, (long)Orders), await LevelAsync(chain));
            await cluster.StopAllSilosAsync();
        }

        var (rowBytes, rowJson, entries) = await StoredAsync(db);
        Assert.Equal(Orders, entries);
        Assert.True(rowBytes < 2_048, $"the stock row is {rowBytes} bytes: {rowJson}"); // below PostgreSQL's TOAST threshold
        Assert.DoesNotContain("web-", rowJson, StringComparison.Ordinal);
        var (pickRows, largestPickRow) = await PickListAsync(db);
        Assert.Equal(Orders, pickRows); // the store's pick list (its shards) holds every pickup order as an entry row
        Assert.True(largestPickRow < 256, $"a pick-list row is {largestPickRow} bytes");

        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId, configureSilo: CommerceCluster.Configure, groupCommit: true))
        {
            var chain = new Chain(cluster.Client);
            Assert.Equal((500L, (long)Orders), await LevelAsync(chain));
            var ends = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => i < 60 ? chain.Order(OrderId(i)).CommitAsync() : chain.Order(OrderId(i)).ReleaseAsync()));
            Assert.Equal((60, 60), (ends.Count(e => e.Status == ReservationStatus.Committed), ends.Count(e => e.Status == ReservationStatus.Released)));
            Assert.True((await chain.Order(OrderId(0)).CommitAsync()).Replayed); // a retried commit takes nothing twice
            Assert.Equal((440L, 120L), await LevelAsync(chain));
            await cluster.StopAllSilosAsync();
        }

        Assert.Equal(120, (await StoredAsync(db)).Entries);
        Assert.Equal(120, (await PickListAsync(db)).Entries);
    }

    /// <summary>Entry rows of the store's pick list (all shards) and its largest row.</summary>
    private static async Task<(int Entries, int LargestRow)> PickListAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*)::int FROM pos_grain_entry_gc WHERE service_id = @s AND state_name = 'pick-list'),
                   (SELECT coalesce(max(length(payload)), 0) FROM pos_grain_state_gc WHERE service_id = @s AND state_name = 'pick-list')
            """, connection);
        command.Parameters.AddWithValue("s", ServiceId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static string OrderId(int i) => $"web-{i:D4}";

    private static async Task<(long OnHand, long Reserved)> LevelAsync(Chain chain)
    {
        var level = await chain.Stock(Store, Sku).GetAsync();
        return (level.OnHand, level.Reserved);
    }

    /// <summary>The stock grain's row (size and JSON) and how many entry rows it has, read without activating it.</summary>
    private static async Task<(int RowBytes, string RowJson, int Entries)> StoredAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT length(payload), convert_from(payload, 'UTF8'),
                   (SELECT count(*)::int FROM pos_grain_entry_gc e WHERE e.service_id = g.service_id AND e.grain_id = g.grain_id)
              FROM pos_grain_state_gc g WHERE service_id = @s AND state_name = 'stock' AND grain_id LIKE @g
            """, connection);
        command.Parameters.AddWithValue("s", ServiceId);
        command.Parameters.AddWithValue("g", $"%stk:{Store}/{Sku}");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no stock row");
        return (reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2));
    }
}
