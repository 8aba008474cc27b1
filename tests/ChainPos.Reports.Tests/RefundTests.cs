using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Reports;
using ChainPos.Api.V1;
using static ChainPos.Reports.Tests.Sales;
using TenderType = ChainPos.Abstractions.Checkout.TenderType;

namespace ChainPos.Reports.Tests;

/// <summary>Returns and voids in the store-day figures and the journal: taken off once, whatever is retried.</summary>
[Collection(ReportsCollection.Name)]
public sealed class RefundTests(ReportsFixture fixture)
{
    [Fact]
    public async Task StoreDay_SaleReturnAndVoid_ExactNetFiguresAndRetriesChangeNothing()
    {
        var day = await RingRefundDayAsync();

        // Retried by the till: the same ids answer the first receipts and the figures stay as they are.
        var returned = await ReturnAsync();
        var voided = await VoidAsync();
        Assert.True(returned.Replayed);
        Assert.True(voided.Replayed);
        Assert.Equal(0, await fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register("F1", "R1")).FlushOutboxAsync());
        var d = await ReportsClient(fixture.Admin).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "F1", Day = day.Day });

        var s1 = day.Receipts[0];
        var s2 = day.Receipts[1];
        var s3 = day.Receipts[2];
        Assert.Equal([4696L, 899L, 259L], day.Receipts.Select(r => r.Total));
        Assert.Equal((1999L, 1), (returned.RefundTotal, returned.Lines.Count));
        Assert.Equal(899L, voided.RefundTotal);

        // Sales as rung up; returns and voids apart; net = what stayed.
        Assert.Equal((3, 4696L + 899 + 259), (d.SalesCount, d.Total));
        Assert.Equal((1, 1999L, returned.TaxRefunded), (d.ReturnsCount, d.ReturnsTotal, d.ReturnsTax));
        Assert.Equal((1, 899L, s2.TaxTotal), (d.VoidsCount, d.VoidsTotal, d.VoidsTax));
        Assert.Equal((5854L - 1999 - 899, s1.TaxTotal + s2.TaxTotal + s3.TaxTotal - returned.TaxRefunded - s2.TaxTotal), (d.NetTotal, d.NetTaxTotal));

        // Breakdowns are net: one TEE back, the MUG sale voided.
        Assert.Equal(2 + 2 + 1 + 1 - 1 - 1, d.Items);
        Assert.Equal([("card", 4696L + 259 - 1999, 2), ("cash", 1000L - 101 - 899, 1)], d.Tenders.Select(t => (t.Key, t.Amount, t.Count)));
        Assert.Equal([("apparel", 1999L), ("food", 698L + 259), ("home", 0L)], d.Categories.Select(c => (c.Key, c.Amount)));
        Assert.Equal([("TEE", 1L, 1999L), ("APPLE", 2L, 698L), ("BREAD", 1L, 259L), ("MUG", 0L, 0L)], d.TopSkus.Select(s => (s.Sku, s.Quantity, s.Net)));
        var standardTax = s1.Taxes.Single(t => t.TaxClass == "standard").Tax - returned.TaxRefunded;
        var reducedTax = s1.Taxes.Single(t => t.TaxClass == "reduced").Tax + s3.TaxTotal;
        Assert.Equal([("standard", 2000, 1999L, standardTax), ("reduced", 700, 957L, reducedTax)],
            d.TaxRates.OrderByDescending(t => t.RateBasisPoints).Select(t => (t.TaxClass, t.RateBasisPoints, t.Gross, t.Tax)));
        Assert.Equal(d.NetTotal, d.Tenders.Sum(t => t.Amount));
        Assert.Equal(d.NetTotal, d.TaxRates.Sum(t => t.Gross) + d.GiftCardsSold);

        // Hours and registers keep the sales rung up.
        Assert.Equal((5854L, 3), d.Registers.Where(r => r.Key == "R1").Select(r => (r.Amount, r.Count)).Single());
    }

    [Fact]
    public async Task ExportJournal_WithReturnAndVoid_StillBalances()
    {
        var day = await RingRefundDayAsync();

        var file = await ReportsClient(fixture.Admin).ExportJournalAsync(new ExportJournalRequest { StoreId = "F1", Day = day.Day, Format = JournalFormat.Csv });

        var rows = file.Content.ToStringUtf8().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        long Sum(string section, int column) => rows.Where(r => r[3] == section).Sum(r => long.Parse(r[column]));
        string[] Row(string section, string key) => rows.Single(r => r[3] == section && r[4] == key);

        Assert.Equal(["5854", "-1999", "-899", "2956"], new[] { "sales", "returns", "voids", "net" }.Select(k => Row("total", k)[9]));
        Assert.Equal(["3", "1", "1"], new[] { "sales", "returns", "voids" }.Select(k => Row("total", k)[10]));
        var net = Row("total", "net");
        Assert.Equal(long.Parse(net[8]), Sum("revenue", 8) + long.Parse(Row("gift_card_liability", "sold")[9]));
        Assert.Equal(long.Parse(net[8]), Sum("tender", 9));
        Assert.Equal(long.Parse(net[7]), Sum("revenue", 7));
        Assert.Equal(long.Parse(net[8]) - long.Parse(net[7]), long.Parse(net[6]));
        Assert.Equal(Row("total", "sales")[8..10].Select(long.Parse).Zip(Row("total", "returns")[8..10].Select(long.Parse), (a, b) => a + b)
            .Zip(Row("total", "voids")[8..10].Select(long.Parse), (a, b) => a + b), net[8..10].Select(long.Parse));
    }

    [Fact]
    public async Task Feed_RetriedAndOverlappingRefundDeliveries_TakenOffOncePerRegisterSequence()
    {
        var at = new DateTimeOffset(2002, 3, 4, 11, 0, 0, TimeSpan.Zero);
        var report = fixture.Grains.GetGrain<IStoreDayReportGrain>(ReportKeys.StoreDay("F1", new DateOnly(2002, 3, 4)));
        var feed = fixture.Grains.GetGrain<ISalesReportFeedGrain>(ReportKeys.Feed);
        var line = new PricedLineView(1, "MUG", "Mug", 1, 899, 899, 0, 899, 150, "standard", []);
        RefundReport Refund(RefundKind kind, string id) => new(kind, id, null, "EUR", at, [line], [new TaxView("standard", 2000, true, 899, 150)], 899, 150,
            [new TenderRecord(TenderType.Card, 899)], 0);
        ReportedRefund[] Batch(params (long Sequence, RefundKind Kind)[] refunds) => [.. refunds.Select(r => new ReportedRefund(r.Sequence, Refund(r.Kind, $"x-{r.Sequence}")))];

        await feed.ReportRefundsAsync("F1", "R1", Batch((1, RefundKind.Return), (2, RefundKind.Void)));
        await feed.ReportRefundsAsync("F1", "R1", Batch((1, RefundKind.Return), (2, RefundKind.Void))); // the same delivery, retried
        await Task.WhenAll(
            feed.ReportRefundsAsync("F1", "R1", Batch((2, RefundKind.Void), (3, RefundKind.Return))), // overlaps: only 3 is new
            feed.ReportRefundsAsync("F1", "R1", Batch((2, RefundKind.Void), (3, RefundKind.Return)))); // racing its own retry
        await feed.ReportRefundsAsync("F1", "R2", Batch((1, RefundKind.Return))); // another register's sequence 1 is its own

        var view = await report.GetAsync();
        Assert.Equal((3, 3 * 899L, 3 * 150L), (view.ReturnsCount, view.ReturnsTotal, view.ReturnsTax));
        Assert.Equal((1, 899L, 150L), (view.VoidsCount, view.VoidsTotal, view.VoidsTax));
        Assert.Equal((0, -4 * 899L, -4L), (view.SalesCount, view.NetTotal, view.Items));
        Assert.Equal(("card", -4 * 899L, 0), view.Tenders.Select(t => (t.Key, t.Amount, t.Count)).Single());
        Assert.Equal(-4 * 899L, view.OtherSkusNet);

        // A refund-only day is still in the chain's index (its figures are counted in the chain total).
        var stores = await fixture.Grains.GetGrain<IChainDayReportGrain>(ReportKeys.ChainDay(new DateOnly(2002, 3, 4))).StoresAsync();
        Assert.Equal(["F1"], stores);
    }

    /// <summary>
    /// F1's day on R1: s1 card (2 TEE, 2 APPLE), s2 cash with change (MUG), s3 card (BREAD); one TEE of s1 returned
    /// to the card; s2 voided. Idempotent: every test rings the same ids and gets the first receipts back.
    /// </summary>
    private async Task<(List<CompleteSaleResponse> Receipts, string Day)> RingRefundDayAsync()
    {
        var admin = fixture.Admin;
        await OpenShiftAsync(admin, "F1", "R1");
        List<CompleteSaleResponse> receipts =
        [
            await RingAsync(admin, "F1", "R1", "f1-sale-1", [Line("TEE", 2), Line("APPLE", 2)], [Card(4696)]),
            await RingAsync(admin, "F1", "R1", "f1-sale-2", [Line("MUG", 1)], [Cash(1000)]),
            await RingAsync(admin, "F1", "R1", "f1-sale-3", [Line("BREAD", 1)], [Card(259)]),
        ];
        await ReturnAsync();
        await VoidAsync();
        var day = Day(receipts[0]);
        await Eventually(() => ReportsClient(admin).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "F1", Day = day }).ResponseAsync,
            d => d.SalesCount >= 3 && d.ReturnsCount >= 1 && d.VoidsCount >= 1);
        return (receipts, day);
    }

    private async Task<ReturnItemsResponse> ReturnAsync() => await Checkout(fixture.Admin).ReturnItemsAsync(new ReturnItemsRequest
    {
        StoreId = "F1", RegisterId = "R1", ReturnId = "f1-return-1", OriginalSaleId = "f1-sale-1", Currency = ReportsFixture.Currency,
        Lines = { new ReturnLine { Sku = "TEE", Quantity = 1 } }, RefundTenders = { Card(1999) }, Reason = "wrong size",
    });

    private async Task<VoidSaleResponse> VoidAsync() => await Checkout(fixture.Admin).VoidSaleAsync(new VoidSaleRequest
    {
        StoreId = "F1", RegisterId = "R1", VoidId = "f1-void-2", SaleId = "f1-sale-2", SupervisorId = Supervisor, SupervisorPin = SupervisorPin, Reason = "customer changed mind",
    });
}
