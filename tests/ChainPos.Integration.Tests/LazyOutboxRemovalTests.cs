using ChainPos.Abstractions.Checkout;
using Npgsql;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>
/// A register delivers its outbox in batches and does not write its state just to drop delivered effects: the next
/// commit (or an idle write) carries the removal. A crash in between leaves delivered effects in the stored outbox;
/// they are delivered again and every receiver recognises them, so each effect still counts exactly once.
/// </summary>
public sealed class LazyOutboxRemovalTests
{
    private const string Store = OutboxScenario.Store;
    private const string Customer = "c-bea";

    [Fact]
    public async Task SiloKilledAfterDeliveryBeforeRemovalWritten_RedeliveredEffectsApplyOnce()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("lazyoutbox");
        // Removals stay in memory (no idle write, no bound) until a commit or an explicit flush writes them.
        await using var cluster = await PostgresCluster.StartAsync(db, "lazy-svc", checkout: o =>
        {
            o.OutboxIdleWriteDelay = TimeSpan.FromHours(1);
            o.OutboxUnwrittenRemovalsLimit = 100_000;
        });
        var scenario = await OutboxScenario.StartAsync(cluster, Customer, "Bea");
        var (chain, register, victim, code) = (scenario.Chain, scenario.Register, scenario.Victim, scenario.GiftCardCode);

        var sales = new[]
        {
            Sale("l-1", 2000, [Line("A", 2)], Cash(2000)),
            Sale("l-2", 1250, [Line("A", 1), Line("B", 1)], GiftCardTender(code, 1000), Cash(250)),
            Sale("l-3", 750, [Line("B", 2), Line("B", 1)], Cash(1000)) with { CustomerId = Customer },
        };
        var receipts = await scenario.RingAsync(sales);

        // Every effect is delivered (by the register's own timer turn, nobody flushes)...
        await Eventually.UntilAsync(
            () => Task.WhenAll(sales.Select(s => chain.SaleRecord(s.SaleId).GetAsync())),
            r => r.All(x => x is not null));
        await Eventually.UntilAsync(() => chain.Stock(Store, "B").GetAsync(), s => s.OnHand == 96);
        await AssertEffectsOnceAsync();
        // ...but the last sale's effect is still in the stored outbox: no write has carried its removal yet.
        Assert.Contains("l-3", await StoredOutboxAsync());

        await cluster.KillSiloAsync(victim);

        // The next activation delivers the stored outbox again; receivers de-duplicate, and the flush writes the removal.
        // (A call may first reach the dead silo and fail: read again until the cluster has noticed.)
        Assert.Equal(0, await Eventually.UntilAsync(() => register.FlushOutboxAsync(), pending => pending == 0));
        Assert.Equal(cluster.Silos[0].SiloAddress, cluster.HostOf(register));
        await AssertEffectsOnceAsync();
        Assert.DoesNotContain("l-3", await StoredOutboxAsync());
        await scenario.AssertRetriesReplayAsync(sales, receipts);

        // The register carries on: the next sale takes the next number and its effect lands once.
        var next = await register.CompleteSaleAsync(Sale("l-4", 250, [Line("B", 1)], Cash(250)));
        Assert.Equal(4, next.ReceiptSequence);
        Assert.Equal(0, await register.FlushOutboxAsync());
        Assert.Equal(95L, (await chain.Stock(Store, "B").GetAsync()).OnHand);
        Assert.Equal((4, 4250L), ((await register.GetShiftReportAsync()).SalesCount, (await register.GetShiftReportAsync()).SalesTotal));

        Task AssertEffectsOnceAsync() => scenario.AssertEffectsOnceAsync(receipts);

        // The register's stored pending effects, as JSON text (the ADO.NET provider stores System.Text.Json, with the
        // effects inline in the row under "Effects").
        async Task<string> StoredOutboxAsync()
        {
            await using var connection = new NpgsqlConnection(db);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT convert_from(payload, 'UTF8') FROM pos_grain_state WHERE service_id = 'lazy-svc' AND state_name = 'register'", connection);
            var payload = (string)(await command.ExecuteScalarAsync())!;
            var outbox = payload.IndexOf("\"Effects\"", StringComparison.Ordinal);
            return outbox >= 0 ? payload[outbox..] : "";
        }
    }
}
