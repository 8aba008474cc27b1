using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Reports;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

/// <summary>Retried and overlapping deliveries, as a register outbox makes them after a timeout or a crash.</summary>
[Collection(ReportsCollection.Name)]
public sealed class ExactlyOnceTests(ReportsFixture fixture)
{
    [Fact]
    public async Task ReportSales_RetriedAndOverlappingBatches_EachSequenceCountsOncePerRegister()
    {
        var record = await RecordOfARealSaleAsync("e1-record-1");
        var day = new DateOnly(2001, 5, 6);
        var report = fixture.Grains.GetGrain<IStoreDayReportGrain>(ReportKeys.StoreDay("E1", day));
        DaySalesBatch Batch(string register, params long[] sequences) =>
            new(register, [.. sequences.Select(s => new ReportedSale(s, record))], [.. sequences.Select(_ => 10)], new Dictionary<string, string> { ["MUG"] = "home" });

        await report.ReportSalesAsync(Batch("R1", 1, 2));
        await report.ReportSalesAsync(Batch("R1", 1, 2)); // the same delivery, retried
        await report.ReportSalesAsync(Batch("R1", 2, 3)); // overlaps: only 3 is new
        await report.ReportSalesAsync(Batch("R1", 1)); // late duplicate
        await report.ReportSalesAsync(Batch("R2", 1)); // another register's sequence 1 is its own

        var view = await report.GetAsync();
        var total = record.Receipt.Total;
        Assert.Equal((4, 4 * total), (view.SalesCount, view.Total));
        Assert.Equal([("R1", 3 * total, 3), ("R2", total, 1)], view.Registers.Select(r => (r.Key, r.Amount, r.Count)));
        Assert.Equal((4 * total, 4), view.Hours.Where(h => h.Key == "10").Select(h => (h.Amount, h.Count)).Single());
        Assert.Equal(("MUG", 4L), view.TopSkus.Select(s => (s.Sku, s.Quantity)).Single());

        // The day was listed in the chain's index by its first delivery, once.
        var stores = await fixture.Grains.GetGrain<IChainDayReportGrain>(ReportKeys.ChainDay(day)).StoresAsync();
        Assert.Equal(["E1"], stores);
    }

    [Fact]
    public async Task ReportSales_ConcurrentDeliveriesFromManyRegisters_AllCountedExactlyOnce()
    {
        var record = await RecordOfARealSaleAsync("e1-record-2");
        var day = new DateOnly(2001, 7, 8);
        var report = fixture.Grains.GetGrain<IStoreDayReportGrain>(ReportKeys.StoreDay("E1", day));
        var categories = new Dictionary<string, string>();

        // 20 registers deliver 10 sales each, one at a time in order, every delivery sent twice at once
        // (a retry racing the original): the reentrant grain interleaves them all.
        await Task.WhenAll(Enumerable.Range(1, 20).Select(async r =>
        {
            for (var seq = 1L; seq <= 10; seq++)
            {
                var batch = new DaySalesBatch($"R{r}", [new ReportedSale(seq, record)], [9], categories);
                await Task.WhenAll(report.ReportSalesAsync(batch), report.ReportSalesAsync(batch));
            }
        }));

        var view = await report.GetAsync();
        Assert.Equal((200, 200 * record.Receipt.Total), (view.SalesCount, view.Total));
        Assert.All(view.Registers, r => Assert.Equal(10, r.Count));
        Assert.Equal(20, view.Registers.Count);
        Assert.Equal(("MUG", "uncategorised"), view.TopSkus.Select(s => (s.Sku, s.Category)).Single());
    }

    [Fact]
    public async Task Feed_RetriedDelivery_RoutesToTheStoreDayOfTheSaleAndCountsOnce()
    {
        var record = await RecordOfARealSaleAsync("e1-record-3");
        var day = Day(record.Receipt.CompletedAt);
        var before = await fixture.Grains.GetGrain<IStoreDayReportGrain>(ReportKeys.StoreDay("E1", day)).GetAsync();
        var feed = fixture.Grains.GetGrain<ISalesReportFeedGrain>(ReportKeys.Feed);

        // Register "R9" never sold: the feed's sequences are new there, then repeated.
        await feed.ReportSalesAsync("E1", "R9", [new ReportedSale(1, record), new ReportedSale(2, record)]);
        await feed.ReportSalesAsync("E1", "R9", [new ReportedSale(1, record), new ReportedSale(2, record)]);

        var after = await fixture.Grains.GetGrain<IStoreDayReportGrain>(ReportKeys.StoreDay("E1", day)).GetAsync();
        Assert.Equal(before.SalesCount + 2, after.SalesCount);
        Assert.Equal((2 * record.Receipt.Total, 2), after.Registers.Where(r => r.Key == "R9").Select(r => (r.Amount, r.Count)).Single());
        Assert.Contains(after.Categories, c => c.Key == "home");
    }

    private static DateOnly Day(DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(ReportsFixture.StoreTimeZone)).DateTime);

    private async Task<SaleRecordData> RecordOfARealSaleAsync(string saleId)
    {
        await EnsureShiftAsync();
        await RingAsync(fixture.Admin, "E1", "R1", saleId, [Line("MUG", 1)], [Card(899)]);
        var view = await Sales.Eventually(() => fixture.Grains.GetGrain<ISaleRecordGrain>(GrainKeys.Sale(saleId)).GetAsync(), v => v is not null);
        return view!.Sale;
    }

    // Opening is idempotent by shift id, so every test may ask for the same shift.
    private Task EnsureShiftAsync() => OpenShiftAsync(fixture.Admin, "E1", "R1");
}
