using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Reports;
using Npgsql;
using Xunit.Abstractions;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>
/// Committed sales whose effects were not delivered when their silo crashed: the outbox is in the register's
/// durable state, and its reminder delivers it, once, with nobody calling the register. With the group-commit provider
/// the pending effects are entry rows beside the register's row, deleted once delivered.
/// </summary>
public sealed class OutboxRecoveryTests(ITestOutputHelper output)
{
    private const string Store = OutboxScenario.Store;
    private const string Customer = "c-ada";

    private const string ServiceId = "outbox-svc";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SiloKilledBeforeEffectsDelivered_ReminderDeliversThemExactlyOnce(bool groupCommit)
    {
        var db = await PostgresCluster.CreateDatabaseAsync("outbox");
        // Commits do not kick the outbox: the effects wait for the reminder (first tick 4 s after the shift opens).
        await using var cluster = await PostgresCluster.StartAsync(db, ServiceId, checkout: o =>
        {
            o.TestOnlyDeferOutboxDelivery = true;
            o.OutboxReminderPeriod = TimeSpan.FromSeconds(4);
        }, groupCommit: groupCommit);
        var scenario = await OutboxScenario.StartAsync(cluster, Customer, "Ada");
        var (chain, register, victim, code) = (scenario.Chain, scenario.Register, scenario.Victim, scenario.GiftCardCode);
        Assert.Equal(victim.SiloAddress, cluster.HostOf(register));

        var sales = new[]
        {
            Sale("o-1", 2000, [Line("A", 2)], Cash(2000)),
            Sale("o-2", 1250, [Line("A", 1), Line("B", 1)], GiftCardTender(code, 1000), Cash(250)),
            Sale("o-3", 750, [Line("B", 3)], Cash(1000)) with { CustomerId = Customer },
        };
        var receipts = await scenario.RingAsync(sales);

        // Committed and acknowledged, but no effect delivered yet.
        Assert.Equal([1L, 2, 3], receipts.Select(r => r.ReceiptSequence));
        Assert.All(await Task.WhenAll(sales.Select(s => chain.SaleRecord(s.SaleId).GetAsync())), Assert.Null);
        Assert.Equal((100L, 100L), ((await chain.Stock(Store, "A").GetAsync()).OnHand, (await chain.Stock(Store, "B").GetAsync()).OnHand));
        var held = await chain.GiftCard(code).GetAsync();
        Assert.Equal((5000L, 4000L), (held.Balance, held.Available));
        Assert.Equal(0, (await chain.Loyalty(Customer).GetAsync())!.Points);
        if (groupCommit)
        {
            var (json, entries) = await RegisterRowAsync(db);
            Assert.Equal(3, entries); // one entry row per committed transaction
            Assert.DoesNotContain("\"Outbox\"", json, StringComparison.Ordinal);
            Assert.DoesNotContain("\"ReceiptNumber\"", json, StringComparison.Ordinal); // no receipt rides in the row
        }

        var killedAt = DateTime.UtcNow;
        await cluster.KillSiloAsync(victim);

        // Nobody calls the register: its reminder reactivates it on the surviving silo, which delivers the outbox.
        var records = await Eventually.UntilAsync(
            () => Task.WhenAll(sales.Select(s => chain.SaleRecord(s.SaleId).GetAsync())),
            r => r.All(x => x is not null) && r.Length == 3);
        output.WriteLine($"effects delivered {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
        Assert.Equal(receipts.Select(r => r.ReceiptNumber), records.Select(r => r!.Sale.Receipt.ReceiptNumber));
        Assert.Equal(cluster.Silos[0].SiloAddress, cluster.HostOf(register));

        // Delivered exactly once, also after an explicit flush and a retry of every sale.
        await AssertEffectsOnceAsync();
        Assert.Equal(0, await register.FlushOutboxAsync());
        await scenario.AssertRetriesReplayAsync(sales, receipts);

        Assert.Equal(0, await register.FlushOutboxAsync());
        await AssertEffectsOnceAsync();
        Assert.Equal((3, 4000L), ((await register.GetShiftReportAsync()).SalesCount, (await register.GetShiftReportAsync()).SalesTotal));
        if (groupCommit)
        {
            Assert.Equal(0, (await RegisterRowAsync(db)).Entries); // delivered: the flush's write deleted them
        }

        async Task AssertEffectsOnceAsync()
        {
            await scenario.AssertEffectsOnceAsync(receipts);
            Assert.True(receipts[2].PointsEarned > 0);
        }
    }

    [Fact]
    public async Task A_return_of_a_sale_still_in_the_outbox_stores_its_record_first_and_every_effect_still_counts_once()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("outboxret");
        // Nothing is delivered unless asked: the sale's effects are all still pending when the return comes.
        await using var cluster = await PostgresCluster.StartAsync(db, ServiceId, checkout: o => o.TestOnlyDeferOutboxDelivery = true, groupCommit: true);
        var scenario = await OutboxScenario.StartAsync(cluster, Customer, "Ada");
        var (chain, register) = (scenario.Chain, scenario.Register);

        var sale = await register.CompleteSaleAsync(Sale("p-1", 2250, [Line("A", 2), Line("B", 1)], Cash(2250)));
        var refund = await register.ReturnAsync(new ReturnCommand("p-ret", "p-1", [new ReturnLineSpec("A", 1)], [Cash(1000)], Currency));

        // The return was priced from the sale's record, stored ahead of the sale's other effects, which still wait.
        Assert.Equal((1000L, sale.ReceiptSequence + 1), (refund.RefundTotal, refund.ReceiptSequence));
        Assert.Single((await chain.SaleRecord("p-1").GetAsync())!.Returns);
        Assert.Equal((100L, 100L), ((await chain.Stock(Store, "A").GetAsync()).OnHand, (await chain.Stock(Store, "B").GetAsync()).OnHand));
        var tooMuch = await Assert.ThrowsAsync<PosException>(() => register.ReturnAsync(
            new ReturnCommand("p-ret-2", "p-1", [new ReturnLineSpec("A", 2)], [Cash(2000)], Currency)));
        Assert.Equal(ErrorCode.FailedPrecondition, tooMuch.Code); // one of the two A was returned already

        // Delivered: the sale (which stores its record again, changing nothing) and then the return, each once.
        Assert.Equal(0, await register.FlushOutboxAsync());
        Assert.Equal((99L, 99L), ((await chain.Stock(Store, "A").GetAsync()).OnHand, (await chain.Stock(Store, "B").GetAsync()).OnHand));
        var record = (await chain.SaleRecord("p-1").GetAsync())!;
        Assert.Equal(("p-ret", sale.ReceiptNumber), (Assert.Single(record.Returns).ReturnId, record.Sale.Receipt.ReceiptNumber));
        var shift = await register.GetShiftReportAsync();
        Assert.Equal((1, 1, 2250L, 1000L), (shift.SalesCount, shift.RefundsCount, shift.SalesTotal, shift.RefundsTotal));

        // The sale and its return were delivered in one batch: the store's day report took the sale before the return.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sale.CompletedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        var report = await cluster.Client.GetGrain<IStoreDayReportGrain>(ReportKeys.StoreDay(Store, day)).GetAsync();
        Assert.Equal((1, 1, 1250L), (report.SalesCount, report.ReturnsCount, report.NetTotal));
        Assert.Equal([("A", 1L, 1000L), ("B", 1L, 250L)], report.TopSkus.Select(s => (s.Sku, s.Quantity, s.Net)).OrderBy(s => s.Sku, StringComparer.Ordinal));
    }

    /// <summary>The register's row (JSON) and how many entry rows it has, read without activating it.</summary>
    private static async Task<(string Json, int Entries)> RegisterRowAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT convert_from(payload, 'UTF8'),
                   (SELECT count(*)::int FROM pos_grain_entry_gc e WHERE e.service_id = g.service_id AND e.grain_id = g.grain_id)
              FROM pos_grain_state_gc g WHERE service_id = @s AND state_name = 'register'
            """, connection);
        command.Parameters.AddWithValue("s", ServiceId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no register row");
        var found = (reader.GetString(0), reader.GetInt32(1));
        Assert.False(await reader.ReadAsync(), "one register only");
        return found;
    }
}
