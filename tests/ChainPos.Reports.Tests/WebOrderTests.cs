using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Reports;
using ChainPos.Api.V1;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

/// <summary>Committed web orders in the store-day report of the store that fulfils them, once per order.</summary>
[Collection(ReportsCollection.Name)]
public sealed class WebOrderTests(ReportsFixture fixture)
{
    [Fact]
    public async Task CommittedWebOrder_RetriedCommitAndRedelivery_CountedOnceInTheFulfillingStoresDay()
    {
        var stock = new StockService.StockServiceClient(fixture.Admin);
        await stock.ReceiveStockAsync(new StockOperationRequest { LocationId = "W1", Sku = "TEE", OperationId = "w1-receive-tee", Quantity = 10, Reason = "delivery" });
        await stock.ReceiveStockAsync(new StockOperationRequest { LocationId = "W1", Sku = "BREAD", OperationId = "w1-receive-bread", Quantity = 10, Reason = "delivery" });
        var commerce = new CommerceService.CommerceServiceClient(fixture.Admin);
        await commerce.ReserveStockAsync(new ReserveStockRequest
        {
            OrderId = "w1-order-1", PickupLocationId = "W1", TtlSeconds = 600,
            Lines = { new ReserveLine { Sku = "TEE", Quantity = 2 }, new ReserveLine { Sku = "BREAD", Quantity = 1 } },
        });

        var committed = await commerce.CommitReservationAsync(new OrderRequest { OrderId = "w1-order-1" });
        var again = await commerce.CommitReservationAsync(new OrderRequest { OrderId = "w1-order-1" }); // the shop retries
        Assert.Equal(ChainPos.Api.V1.ReservationStatus.Committed, again.Status);

        // The order grain reports as a commit effect; a delivery repeated after a crash is recognised by order id.
        var record = await fixture.Grains.GetGrain<IOrderReservationGrain>(GrainKeys.Order("w1-order-1")).GetSaleRecordAsync();
        await fixture.Grains.GetGrain<ISalesReportFeedGrain>(ReportKeys.Feed).ReportWebOrderAsync(record);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.Grains.GetGrain<ISalesReportFeedGrain>(ReportKeys.Feed).ReportWebOrderAsync(record)));

        var day = ReportKeys.Format(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(record.CommittedAt, TimeZoneInfo.FindSystemTimeZoneById(ReportsFixture.StoreTimeZone)).DateTime));
        var d = await ReportsClient(fixture.Admin).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "W1", Day = day });

        var total = 2 * 1999L + 259;
        Assert.Equal(total, committed.Total);
        Assert.Equal((1, total), (d.WebOrdersCount, d.WebOrdersTotal));
        Assert.Equal((1, total, 3L), (d.SalesCount, d.Total, d.Items));
        Assert.Equal([("web", total, 1)], d.Tenders.Select(t => (t.Key, t.Amount, t.Count)));
        Assert.Equal([("web", total, 1)], d.Registers.Select(r => (r.Key, r.Amount, r.Count)));
        Assert.Equal([("TEE", 2L, 3998L), ("BREAD", 1L, 259L)], d.TopSkus.Select(s => (s.Sku, s.Quantity, s.Net)));
        // Tax contained in the web prices at the store's rates: 20 % of 3998 and 7 % of 259, inclusive.
        Assert.Equal([("standard", 3998L, 666L), ("reduced", 259L, 17L)], d.TaxRates.OrderByDescending(t => t.RateBasisPoints).Select(t => (t.TaxClass, t.Gross, t.Tax)));
        Assert.Equal(666L + 17, d.TaxTotal);
        Assert.Equal(d.NetTotal, d.Tenders.Sum(t => t.Amount));
        Assert.Equal(d.NetTotal, d.TaxRates.Sum(t => t.Gross) + d.GiftCardsSold);

        // The journal still balances with the web tender in it.
        var file = await ReportsClient(fixture.Admin).ExportJournalAsync(new ExportJournalRequest { StoreId = "W1", Day = day, Format = JournalFormat.Csv });
        var rows = file.Content.ToStringUtf8().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var net = long.Parse(rows.Single(r => r[3] == "total" && r[4] == "net")[8]);
        Assert.Equal((total, total, total), (net, rows.Where(r => r[3] == "tender").Sum(r => long.Parse(r[9])), rows.Where(r => r[3] == "revenue").Sum(r => long.Parse(r[8]))));
    }

    [Fact]
    public async Task CommittedWebOrder_TaxExclusiveStore_TaxAddedOnTopExactlyAsATillSale()
    {
        // WX adds tax on top of its prices (sales-tax style); the same basket is rung at its till and ordered online.
        var config = Store("WX");
        config.TaxRates.Clear();
        config.TaxRates.Add(new TaxRateConfig { TaxClass = "standard", RateBasisPoints = 2000, Inclusive = false });
        config.TaxRates.Add(new TaxRateConfig { TaxClass = "reduced", RateBasisPoints = 700, Inclusive = false });
        await new StoreAdminService.StoreAdminServiceClient(fixture.Admin).ConfigureStoreAsync(new ConfigureStoreRequest { Store = config });
        var stock = new StockService.StockServiceClient(fixture.Admin);
        await stock.ReceiveStockAsync(new StockOperationRequest { LocationId = "WX", Sku = "TEE", OperationId = "wx-receive-tee", Quantity = 10, Reason = "delivery" });
        await stock.ReceiveStockAsync(new StockOperationRequest { LocationId = "WX", Sku = "BREAD", OperationId = "wx-receive-bread", Quantity = 10, Reason = "delivery" });
        await OpenShiftAsync(fixture.Admin, "WX", "R1");

        // 2 × 19.99 + 2.59: standard tax 20 % of 39.98 = 8.00 (7.996), reduced 7 % of 2.59 = 0.18 (0.1813); total 50.75.
        var till = await RingAsync(fixture.Admin, "WX", "R1", "wx-sale-1", [Line("TEE", 2), Line("BREAD", 1)], [Cash(5075)]);
        Assert.Equal((818L, 5075L), (till.TaxTotal, till.Total));

        var commerce = new CommerceService.CommerceServiceClient(fixture.Admin);
        await commerce.ReserveStockAsync(new ReserveStockRequest
        {
            OrderId = "wx-order-1", PickupLocationId = "WX", TtlSeconds = 600,
            Lines = { new ReserveLine { Sku = "TEE", Quantity = 2 }, new ReserveLine { Sku = "BREAD", Quantity = 1 } },
        });
        await commerce.CommitReservationAsync(new OrderRequest { OrderId = "wx-order-1" });
        await commerce.CommitReservationAsync(new OrderRequest { OrderId = "wx-order-1" }); // the shop retries

        var day = Day(till);
        var d = await StoreDayWhenAsync(fixture.Admin, "WX", day, 2);
        var record = await fixture.Grains.GetGrain<IOrderReservationGrain>(GrainKeys.Order("wx-order-1")).GetSaleRecordAsync();
        await fixture.Grains.GetGrain<ISalesReportFeedGrain>(ReportKeys.Feed).ReportWebOrderAsync(record); // redelivered
        d = await ReportsClient(fixture.Admin).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "WX", Day = day });

        Assert.Equal((1, 5075L), (d.WebOrdersCount, d.WebOrdersTotal));
        Assert.Equal((2, 2 * 4257L, 2 * 818L, 2 * 5075L), (d.SalesCount, d.Subtotal, d.TaxTotal, d.Total));
        Assert.Equal([("cash", 5075L, 1), ("web", 5075L, 1)], d.Tenders.OrderBy(t => t.Key).Select(t => (t.Key, t.Amount, t.Count)));
        Assert.Equal(
            [("standard", 2 * 3998L, 2 * 800L, 2 * 4798L), ("reduced", 2 * 259L, 2 * 18L, 2 * 277L)],
            d.TaxRates.OrderByDescending(t => t.RateBasisPoints).Select(t => (t.TaxClass, t.Net, t.Tax, t.Gross)));
        Assert.Equal([("TEE", 4L, 7996L), ("BREAD", 2L, 518L)], d.TopSkus.Select(s => (s.Sku, s.Quantity, s.Net)));
        Assert.Equal(d.NetTotal, d.Tenders.Sum(t => t.Amount));
        Assert.Equal(d.NetTotal, d.TaxRates.Sum(t => t.Gross) + d.GiftCardsSold);

        // A delivery sent longer ago than the de-duplication window is refused and changes nothing.
        var storeDay = fixture.Grains.GetGrain<IStoreDayReportGrain>(ReportKeys.StoreDay("WX", DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
        var old = DateTimeOffset.UtcNow.AddMinutes(-6);
        var stale = new WebOrderSale("wx-order-stale", "EUR", old, 10, [], [], new Dictionary<string, string>(), old);
        var refused = await Assert.ThrowsAsync<PosException>(() => storeDay.ReportWebOrderAsync(stale));
        Assert.Equal(ChainPos.Domain.ErrorCode.FailedPrecondition, refused.Code);
        Assert.Equal(1, (await storeDay.GetAsync()).WebOrdersCount);
    }
}
