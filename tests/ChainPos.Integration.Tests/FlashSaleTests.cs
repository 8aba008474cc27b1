using System.Collections.Concurrent;
using ChainPos.Abstractions.Stock;
using Npgsql;
using Xunit.Abstractions;

namespace ChainPos.Integration.Tests;

/// <summary>
/// A flash sale on one SKU, on PostgreSQL: many concurrent grants share the stock grain's writes and never exceed
/// what is available; a silo killed mid-sale loses no acknowledged grant and grants nothing twice.
/// </summary>
[Collection(CommerceCollection.Name)]
public sealed class FlashSaleTests(CommerceClusterFixture fixture, ITestOutputHelper output)
{
    private static DateTimeOffset Expiry => DateTimeOffset.UtcNow.AddHours(1);

    [Fact]
    public async Task ManyConcurrentGrantsOnOneSku_ShareWritesAndGrantExactlyWhatIsAvailable()
    {
        var (store, sku) = await StockAsync(fixture.Chain, 150);
        var stock = fixture.Chain.Stock(store, sku);
        var before = await StockVersionAsync(fixture.Database, CommerceClusterFixture.ServiceId, store, sku);

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => stock.ReserveAsync($"flash-{i}", 1, allowPartial: false, Expiry)));

        var writes = await StockVersionAsync(fixture.Database, CommerceClusterFixture.ServiceId, store, sku) - before;
        output.WriteLine($"400 calls, {answers.Count(a => a.Granted > 0)} granted, {writes} writes of the stock grain");
        Assert.Equal(150, answers.Sum(a => a.Granted));
        Assert.All(answers, a => Assert.True(a.Level.Available >= 0, $"available went to {a.Level.Available}"));
        Assert.InRange(writes, 1, 149);
        var level = await stock.GetAsync();
        Assert.Equal((150L, 150L, 0L), (level.OnHand, level.Reserved, level.Available));

        // Every grant is durable and answered again (not a second time) for its id; a denied id stays denied once stock frees.
        var again = await Task.WhenAll(answers.Select(a => stock.ReserveAsync(a.ReservationId, 1, allowPartial: false, Expiry)));
        Assert.Equal(answers.Select(a => a.Granted), again.Select(a => a.Granted));
        Assert.Equal(150L, (await stock.GetAsync()).Reserved);
    }

    [Fact]
    public async Task SiloKilledMidFlashSale_NoAcknowledgedGrantLostNoneGrantedTwice()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("flashkill");
        await using var cluster = await PostgresCluster.StartAsync(db, "flashkill-svc", configureSilo: CommerceCluster.Configure);
        var chain = new Chain(cluster.Client);
        var (store, sku) = await StockAsync(chain, 300);
        var stock = chain.Stock(store, sku);
        await cluster.PlaceOnAsync(stock, cluster.Silos[1]);

        var acknowledged = new ConcurrentDictionary<string, long>();
        var killAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killer = Task.Run(async () =>
        {
            await killAt.Task;
            await cluster.KillSiloAsync(cluster.Silos[1]);
        });
        var retries = 0;
        var callers = Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            for (var n = 0; n < 30; n++)
            {
                var id = $"kill-{caller}-{n}";
                while (true)
                {
                    try
                    {
                        // The web shop's contract: a failed or timed-out call is retried with the same id.
                        acknowledged[id] = (await stock.ReserveAsync(id, 1, allowPartial: false, Expiry)).Granted;
                        break;
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref retries);
                        await Task.Delay(100);
                    }
                }

                if (acknowledged.Count >= 120)
                {
                    killAt.TrySetResult();
                }
            }
        })).ToList();
        await Task.WhenAll(callers);
        await killer;
        output.WriteLine($"{acknowledged.Count} acknowledged ({acknowledged.Values.Sum()} granted), {retries} retried calls");

        Assert.Single(cluster.Silos);
        Assert.True(retries > 0, "the kill must have cut calls off mid-sale");
        var level = await stock.GetAsync();
        Assert.Equal(acknowledged.Values.Sum(), level.Reserved);
        Assert.Equal(300L, level.Reserved);
        var again = await Task.WhenAll(acknowledged.Select(async a => (a.Value, (await stock.ReserveAsync(a.Key, 1, allowPartial: false, Expiry)).Granted)));
        Assert.All(again, pair => Assert.Equal(pair.Item1, pair.Item2));
        Assert.Equal(300L, (await stock.GetAsync()).Reserved);
    }

    private static async Task<(string Store, string Sku)> StockAsync(Chain chain, long units)
    {
        var tag = "fl" + Guid.NewGuid().ToString("N")[..6];
        var (store, sku) = (tag + "S1", tag + "A");
        await chain.ConfigureStoreAsync(store, "R1");
        await chain.AddProductsAsync("cat-" + tag, (sku, 1000));
        await chain.ReceiveAsync(store, sku, units);
        return (store, sku);
    }

    /// <summary>The stored version of the stock grain's row: one more per durable write.</summary>
    private static async Task<int> StockVersionAsync(string db, string serviceId, string store, string sku)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version FROM pos_grain_state WHERE service_id = @s AND state_name = 'stock' AND grain_key_ext = @k", connection);
        command.Parameters.AddWithValue("s", serviceId);
        command.Parameters.AddWithValue("k", $"stk:{store}/{sku}");
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
