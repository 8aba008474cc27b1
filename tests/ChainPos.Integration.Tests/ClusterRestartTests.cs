using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Stock;
using Npgsql;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>Everything a till relies on is in PostgreSQL: a new cluster on the same database carries on exactly.</summary>
public sealed class ClusterRestartTests
{
    private const string Store = "S1";
    private const string ServiceId = "restart-svc";

    [Fact]
    public async Task FullClusterRestart_SameDatabase_StateComesBackExactly()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("restart");
        var card = NewGiftCardCode();
        var sale1 = Sale("rs-1", 2250, [Line("A", 2), Line("B", 1)], Cash(3000));
        var sale4 = Sale("rs-4", 2250, [Line("A", 1), Line("B", 5)], GiftCardTender(card, 1500), Cash(750));

        ShiftReportView r1Before, r2Before;
        SaleReceipt receipt1, receipt4;
        GiftCardView cardBefore;
        StockLevel[] stockBefore;
        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId))
        {
            var chain = new Chain(cluster.Client);
            await chain.ConfigureStoreAsync(Store, "R1", "R2");
            await chain.AddProductsAsync("cat-1", ("A", 1000), ("B", 250), ("C", 399));
            foreach (var sku in new[] { "A", "B", "C" })
            {
                await chain.ReceiveAsync(Store, sku, 50);
            }

            await chain.OpenShiftAsync(Store, "R1", "shift-r1");
            await chain.OpenShiftAsync(Store, "R2", "shift-r2");
            var r1 = chain.Register(Store, "R1");
            var r2 = chain.Register(Store, "R2");

            receipt1 = await r1.CompleteSaleAsync(sale1);
            // Activates the gift card through a sale line (loaded by the outbox).
            var load = await r1.CompleteSaleAsync(Sale("rs-2", 5000, [new SaleLineSpec(null, 1, GiftCardCode: card, GiftCardAmount: 5000)], Cash(5000)));
            // The same SKU on two lines (scanned twice): both lines leave the shelf.
            var three = await r1.CompleteSaleAsync(Sale("rs-3", 1197, [Line("C", 1), Line("C", 2)], Cash(1200)));
            Assert.Equal(500 + 10_000 + 2250 + 5000 + 1197, await r1.RecordCashMovementAsync(new CashMovementCommand("pi-1", CashMovementType.PaidIn, 500, "float top-up")));
            await Chain.FlushAsync([r1]); // the card must be loaded before R2 can hold on it
            receipt4 = await r2.CompleteSaleAsync(sale4);
            Assert.Equal(0, (await Chain.FlushAsync([r1, r2])).Sum());

            Assert.Equal(new long[] { 1, 2, 3 }, new[] { receipt1.ReceiptSequence, load.ReceiptSequence, three.ReceiptSequence });
            Assert.Equal(1, receipt4.ReceiptSequence);
            r1Before = await r1.GetShiftReportAsync();
            r2Before = await r2.GetShiftReportAsync();
            cardBefore = await chain.GiftCard(card).GetAsync();
            stockBefore = await Task.WhenAll(new[] { "A", "B", "C" }.Select(s => chain.Stock(Store, s).GetAsync()));
            Assert.Equal(new GiftCardView("****" + card[^4..], Currency, 3500, 3500, true), cardBefore);
            Assert.Equal([47L, 44, 47], stockBefore.Select(s => s.OnHand));
            Assert.Equal((3, 8447L, 10_000 + 500 + 2250 + 5000 + 1197), (r1Before.SalesCount, r1Before.SalesTotal, r1Before.ExpectedCash));

            await cluster.StopAllSilosAsync();
        }

        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId))
        {
            var chain = new Chain(cluster.Client);
            var r1 = chain.Register(Store, "R1");
            var r2 = chain.Register(Store, "R2");

            AssertSameReport(r1Before, await r1.GetShiftReportAsync());
            AssertSameReport(r2Before, await r2.GetShiftReportAsync());
            Assert.Equal(cardBefore, await chain.GiftCard(card).GetAsync());
            Assert.Equal(stockBefore, await Task.WhenAll(new[] { "A", "B", "C" }.Select(s => chain.Stock(Store, s).GetAsync())));

            // The same sale ids are answered with their first receipts and change nothing.
            AssertReplayOf(receipt1, await r1.CompleteSaleAsync(sale1));
            AssertReplayOf(receipt4, await r2.CompleteSaleAsync(sale4));
            // The shift is still open and the next sale takes the next number: no gap, no reuse.
            var next = await r1.CompleteSaleAsync(Sale("rs-5", 1000, [Line("A", 1)], Cash(1000)));
            Assert.Equal((4L, "S1-R1-000004", false), (next.ReceiptSequence, next.ReceiptNumber, next.Replayed));
            Assert.Equal(0, (await Chain.FlushAsync([r1, r2])).Sum());

            var r1After = await r1.GetShiftReportAsync();
            Assert.Equal(
                (r1Before.ShiftId, r1Before.OpenedAt, 4, r1Before.SalesTotal + 1000, 1L, 4L, r1Before.ExpectedCash + 1000),
                (r1After.ShiftId, r1After.OpenedAt, r1After.SalesCount, r1After.SalesTotal, r1After.FirstReceiptSequence, r1After.LastReceiptSequence, r1After.ExpectedCash));
            Assert.Equal([46L, 44, 47], (await Task.WhenAll(new[] { "A", "B", "C" }.Select(s => chain.Stock(Store, s).GetAsync()))).Select(s => s.OnHand));
            Assert.Equal(3500, (await chain.GiftCard(card).GetAsync()).Balance);
            Assert.Equal(receipt4.ReceiptNumber, (await chain.SaleRecord("rs-4").GetAsync())!.Sale.Receipt.ReceiptNumber);
        }

        // Both registers' outbox reminders are rows of this database, not of the process.
        Assert.Equal(2L, await CountRemindersAsync(db));
    }

    private static void AssertSameReport(ShiftReportView expected, ShiftReportView actual)
    {
        Assert.Equal(expected with { Tenders = [] }, actual with { Tenders = [] });
        Assert.Equal(expected.Tenders, actual.Tenders);
    }

    private static void AssertReplayOf(SaleReceipt first, SaleReceipt replay)
    {
        Assert.True(replay.Replayed);
        Assert.Equal(first with { Lines = [], Taxes = [], Promotions = [] }, replay with { Lines = [], Taxes = [], Promotions = [], Replayed = false });
        Assert.Equal(first.Lines.Select(l => l with { Promotions = [] }), replay.Lines.Select(l => l with { Promotions = [] }));
        Assert.Equal(first.Taxes, replay.Taxes);
    }

    private static async Task<long> CountRemindersAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pos_reminder WHERE service_id = @s AND reminder_name = 'outbox' AND grain_id LIKE '%reg:S1/R_'", connection);
        command.Parameters.AddWithValue("s", ServiceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
