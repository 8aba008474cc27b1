using ChainPos.Api.V1;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

/// <summary>Lines sold by weight in the store-day report: each is one item, its revenue is its amount (never its grams).</summary>
[Collection(ReportsCollection.Name)]
public sealed class WeighedSalesReportTests(ReportsFixture fixture)
{
    [Fact]
    public async Task GetStoreDaySales_WeighedLines_CountAsOneItemEachWithTheirAmount()
    {
        var admin = fixture.Admin;
        await new StoreAdminService.StoreAdminServiceClient(admin).ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store("G1") });
        var loose = Product("LOOSE", "Loose apples", 598, "reduced", "food");
        loose.UnitOfMeasure = UnitOfMeasure.Kilogram;
        await new CatalogService.CatalogServiceClient(admin).UpsertProductsAsync(new UpsertProductsRequest { OperationId = "seed-loose", Products = { loose } });
        await OpenShiftAsync(admin, "G1", "R1");

        var sale = await RingAsync(admin, "G1", "R1", "g1-sale-1",
            [new SaleLine { Sku = "LOOSE", Quantity = 1, WeightGrams = 512 }, new SaleLine { Sku = "LOOSE", Quantity = 1, WeightGrams = 250 }, Line("TEE", 2)],
            [Cash(5_000)]);
        Assert.Equal(306 + 150 + 3_998, sale.Total);

        var report = await StoreDayWhenAsync(admin, "G1", Day(sale), 1);

        Assert.Equal((1, 4L, 4_454L), (report.SalesCount, report.Items, report.Total));
        Assert.Equal([("TEE", 2L, 3_998L), ("LOOSE", 2L, 456L)], report.TopSkus.Select(s => (s.Sku, s.Quantity, s.Net)));
        Assert.Equal([("apparel", 3_998L), ("food", 456L)], report.Categories.Select(c => (c.Key, c.Amount)));
    }
}
