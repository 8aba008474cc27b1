using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

[Collection(ReportsCollection.Name)]
public sealed class StoreDaySalesTests(ReportsFixture fixture)
{
    [Fact]
    public async Task GetStoreDaySales_AfterSalesOnTwoRegisters_ExactTotalsByHourTenderTaxRegisterCategoryAndSku()
    {
        var store = fixture.StoreA1;
        await OpenShiftAsync(store, "A1", "R1");
        await OpenShiftAsync(store, "A1", "R2");
        var first = await RingAsync(store, "A1", "R1", "a1-sale-1", [Line("TEE", 2), Line("APPLE", 1)], [Cash(5000)], ReportsFixture.Customer);
        var load = new SaleLine { GiftCardCode = "6000 9999 8888 7777", GiftCardAmount = 2500, Quantity = 1 };
        var second = await RingAsync(store, "A1", "R2", "a1-sale-2", [Line("MUG", 1), load], [Card(3399)]);
        var third = await RingAsync(store, "A1", "R1", "a1-sale-3", [Line("BREAD", 2)], [GiftCardTender(518)]);
        Assert.Equal((4347L, 653L, 3399L, 518L), (first.Total, first.Change, second.Total, third.Total));
        var day = Day(first);

        var report = await StoreDayWhenAsync(store, "A1", day, 3);

        Assert.Equal(("A1", day, "EUR", 3, 6L), (report.StoreId, report.Day, report.Currency, report.SalesCount, report.Items));
        Assert.Equal((8264L, first.TaxTotal + second.TaxTotal + third.TaxTotal, 0L), (report.Total, report.TaxTotal, report.DiscountTotal));
        Assert.Equal((2500L, 518L, first.PointsEarned, 0L), (report.GiftCardsSold, report.GiftCardsRedeemed, report.PointsEarned, report.PointsRedeemed));
        Assert.Equal(
            [("card", 3399L, 1), ("cash", 4347L, 1), ("gift_card", 518L, 1)],
            report.Tenders.Select(t => (t.Key, t.Amount, t.Count)));
        Assert.Equal([("R1", 4865L, 2), ("R2", 3399L, 1)], report.Registers.Select(r => (r.Key, r.Amount, r.Count)));
        Assert.Equal([("apparel", 3998L), ("food", 867L), ("home", 899L)], report.Categories.Select(c => (c.Key, c.Amount)));
        Assert.Equal(
            [("TEE", 2L, 3998L, "apparel"), ("MUG", 1L, 899L, "home"), ("BREAD", 2L, 518L, "food"), ("APPLE", 1L, 349L, "food")],
            report.TopSkus.Select(s => (s.Sku, s.Quantity, s.Net, s.Category)));
        Assert.Equal(24, report.Hours.Count);
        var byHour = new[] { first, second, third }.GroupBy(Hour).ToDictionary(g => g.Key.ToString("D2"), g => (g.Sum(r => r.Total), g.Count()));
        Assert.Equal(byHour, report.Hours.Where(h => h.Count > 0).ToDictionary(h => h.Key, h => (h.Amount, h.Count)));
        var taxes = new[] { first, second, third }.SelectMany(r => r.Taxes).GroupBy(t => t.TaxClass).ToDictionary(g => g.Key, g => g.Sum(t => t.Tax));
        Assert.Equal(taxes, report.TaxRates.ToDictionary(t => t.TaxClass, t => t.Tax));
        Assert.Equal(8264L - 2500L, report.TaxRates.Sum(t => t.Gross));
        Assert.Equal(third.CompletedAt, report.LastSaleAt);
    }

    [Fact]
    public async Task CompleteSale_RetriedWithTheSameSaleId_CountsOnceInTheReport()
    {
        var store = fixture.Admin;
        await OpenShiftAsync(store, "E1", "R3");
        var sale = await RingAsync(store, "E1", "R3", "a1-retry-1", [Line("MUG", 1)], [Cash(899)]);
        var retry = await RingAsync(store, "E1", "R3", "a1-retry-1", [Line("MUG", 1)], [Cash(899)]);
        Assert.True(retry.Replayed);

        // A later sale on the same register is delivered after anything the retry could have queued.
        var later = await RingAsync(store, "E1", "R3", "a1-retry-2", [Line("APPLE", 1)], [Cash(349)]);
        var report = await Sales.Eventually(
            () => ReportsClient(store).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "E1", Day = Day(sale) }).ResponseAsync,
            d => d.Registers.Any(r => r.Key == "R3" && r.Count >= 2));

        Assert.Equal((899L + 349L, 2), report.Registers.Where(r => r.Key == "R3").Select(r => (r.Amount, r.Count)).Single());
        Assert.Equal(later.ReceiptSequence, sale.ReceiptSequence + 1);
    }

    [Fact]
    public async Task OfflineSale_SyncedLater_CountsOnTheDayAndHourItHappenedInTheStoresTimeZone()
    {
        var admin = fixture.Admin;
        await OpenShiftAsync(admin, "E1", "R2");
        // 22:30 UTC on 15 June is 00:30 on 16 June in Berlin (summer time).
        var request = new CompleteSaleRequest
        {
            StoreId = "E1", RegisterId = "R2", SaleId = "e1-offline-1", Currency = ReportsFixture.Currency,
            Lines = { Line("BREAD", 1) }, Tenders = { Cash(259) },
            OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 6, 15, 22, 30, 0, TimeSpan.Zero)),
        };
        await Checkout(admin).CompleteSaleAsync(request);

        var report = await StoreDayWhenAsync(admin, "E1", "2025-06-16", 1);
        var dayBefore = await ReportsClient(admin).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "E1", Day = "2025-06-15" });

        Assert.Equal((1, 259L), (report.SalesCount, report.Total));
        Assert.Equal(("00", 259L, 1), report.Hours.Where(h => h.Count > 0).Select(h => (h.Key, h.Amount, h.Count)).Single());
        Assert.Equal(request.OccurredAt, report.LastSaleAt);
        Assert.Equal(0, dayBefore.SalesCount);
    }

    [Fact]
    public async Task StoreCredential_SeesItsOwnStoreOnly()
    {
        var day = Abstractions.Reports.ReportKeys.Format(DateOnly.FromDateTime(DateTime.UtcNow));
        var reports = ReportsClient(fixture.StoreA1);

        var own = await reports.GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "A1", Day = day });
        Assert.Equal("A1", own.StoreId);
        var other = await Assert.ThrowsAsync<RpcException>(() => reports.GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "C1", Day = day }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        var chain = await Assert.ThrowsAsync<RpcException>(() => reports.GetChainDaySalesAsync(new GetChainDaySalesRequest { Day = day }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, chain.StatusCode);
        var shifts = await Assert.ThrowsAsync<RpcException>(() => reports.GetShiftReportsAsync(new GetShiftReportsRequest { StoreId = "C2" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, shifts.StatusCode);
        var journal = await Assert.ThrowsAsync<RpcException>(() => reports.ExportJournalAsync(new ExportJournalRequest { StoreId = "J1", Day = day, Format = JournalFormat.Csv }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, journal.StatusCode);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => ReportsClient(fixture.Anonymous).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "A1", Day = day }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("A1", "2026-02-30", StatusCode.InvalidArgument, "day must be a date as yyyy-MM-dd (got '2026-02-30').")]
    [InlineData("A1", "", StatusCode.InvalidArgument, "day must be a date as yyyy-MM-dd (got '').")]
    [InlineData("A1", "23.11.2026", StatusCode.InvalidArgument, "day must be a date as yyyy-MM-dd (got '23.11.2026').")]
    [InlineData("NOPE", "2026-11-23", StatusCode.NotFound, "Store 'NOPE' does not exist.")]
    [InlineData("bad id!", "2026-11-23", StatusCode.InvalidArgument, "store_id must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (got 'bad id!').")]
    public async Task GetStoreDaySales_BadInput_ClearStatus(string storeId, string day, StatusCode code, string message)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            ReportsClient(fixture.Admin).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = storeId, Day = day }).ResponseAsync);
        Assert.Equal((code, message), (e.StatusCode, e.Status.Detail));
    }

    [Fact]
    public async Task GetStoreDaySales_DayWithoutSales_ZeroFiguresAnd24EmptyHours()
    {
        var report = await ReportsClient(fixture.Admin).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "A1", Day = "2001-01-01" });
        Assert.Equal((0, 0L, "", 24, 0), (report.SalesCount, report.Total, report.Currency, report.Hours.Count, report.TopSkus.Count));
        Assert.All(report.Hours, h => Assert.Equal((0L, 0), (h.Amount, h.Count)));
        Assert.Null(report.LastSaleAt);
    }
}
