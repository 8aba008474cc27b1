using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

/// <summary>The back-office page in real headless Chromium (tests/browser/backoffice.mjs); screenshots are kept.</summary>
[Collection(ReportsCollection.Name)]
public sealed class BackofficePageTests(ReportsFixture fixture)
{
    private const string Script = "backoffice.mjs";

    [Fact]
    public async Task BackofficePage_SignInChartsTablesAndLiveUpdate_InChromium()
    {
        var admin = fixture.Admin;
        await OpenShiftAsync(admin, "B1", "R1");
        await OpenShiftAsync(admin, "B1", "R2");
        await OpenShiftAsync(admin, "B2", "R1");
        // TEE has no stock at B1: after two sold it is 2 below zero, under its reorder point of 5, so the page lists it
        // with a suggestion of target 20 - (-2) = 22 units.
        await new StockService.StockServiceClient(admin).SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = "B1", Sku = "TEE", ReorderPoint = 5, TargetLevel = 20 });
        // DRILL is supplied by ACME: 1 on hand under its reorder point of 3, so ACME's draft asks for 10 - 1 = 9.
        var drill = Product("DRILL", "Cordless drill", 4999, "standard", "tools");
        (drill.SupplierId, drill.SupplierName, drill.UnitCost) = ("ACME", "Acme Tools", 1200);
        await new CatalogService.CatalogServiceClient(admin).UpsertProductsAsync(new UpsertProductsRequest { OperationId = "page-drill", Products = { drill } });
        var stock = new StockService.StockServiceClient(admin);
        await stock.ReceiveStockAsync(new StockOperationRequest { LocationId = "B1", Sku = "DRILL", OperationId = "page-drill-1", Quantity = 1, Reason = "delivery" });
        await stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = "B1", Sku = "DRILL", ReorderPoint = 3, TargetLevel = 10 });
        var b1a = await RingAsync(admin, "B1", "R1", "b1-sale-1", [Line("TEE", 2), Line("BREAD", 1)], [Card(4257)]);
        var b1b = await RingAsync(admin, "B1", "R2", "b1-sale-2", [Line("MUG", 1)], [Cash(1000)]);
        var b2 = await RingAsync(admin, "B2", "R1", "b2-sale-1", [Line("APPLE", 3)], [Cash(2000)]);
        // Close B1/R2 1.50 short: float 100.00 + 8.99 cash taken = 108.99 expected.
        var z = await Checkout(admin).CloseShiftAsync(new CloseShiftRequest { StoreId = "B1", RegisterId = "R2", ShiftId = "shift-B1-R2", CountedCash = 10_749 });
        Assert.Equal((10_899L, -150L), (z.ExpectedCash, z.CashVariance));
        var day = Day(b1a);
        await StoreDayWhenAsync(admin, "B1", day, 2);
        await StoreDayWhenAsync(admin, "B2", day, 1);

        using var ready = new TempDirectory("chainpos-backoffice");
        var readyFile = Path.Combine(ready.Path, "ready");
        var b1Total = b1a.Total + b1b.Total;
        var extraTotal = 1999L;
        var script = BrowserScript.RunAsync(Script, fixture.HttpAddress, new Dictionary<string, string>
        {
            ["CHAINPOS_ADMIN_TOKEN"] = ReportsFixture.AdminSecret,
            ["CHAINPOS_DAY"] = day,
            ["EXPECT_B1_TOTAL"] = b1Total.ToString(),
            ["EXPECT_B2_TOTAL"] = b2.Total.ToString(),
            ["EXPECT_B1_LATER"] = (b1Total + extraTotal).ToString(),
            ["CHAINPOS_READY_FILE"] = readyFile,
            ["EXPECT_LOW_SKU"] = "TEE",
            ["EXPECT_LOW_SUGGESTED"] = "22",
            ["EXPECT_MOVEMENT_REFERENCE"] = "b1-sale-1",
            ["EXPECT_PO_SUPPLIER"] = "ACME",
            ["EXPECT_PO_CSV"] = "store_id,supplier_id,supplier_name,sku,description,on_hand,reorder_point,target_level,suggested_quantity,unit_cost,currency\r\n"
                + "B1,ACME,Acme Tools,DRILL,Cordless drill,1,3,10,9,1200,EUR\r\n",
        });

        // Once the page has shown the first figures, ring one more sale: the page must pick it up by itself.
        await WhenReadyOrFinishedAsync(readyFile, script);
        if (File.Exists(readyFile))
        {
            var extra = await RingAsync(admin, "B1", "R1", "b1-sale-3", [Line("TEE", 1)], [Card(1999)]);
            Assert.Equal(extraTotal, extra.Total);
        }

        var result = await script;
        BrowserScript.AssertPassed(Script, result);
        Assert.True(File.Exists(Path.Combine(BrowserScript.ScreenshotFolder(Script), "3-after-live-sale.png")));
    }

    private static async Task WhenReadyOrFinishedAsync(string readyFile, Task script)
    {
        while (!File.Exists(readyFile) && !script.IsCompleted)
        {
            await Task.Delay(50);
        }
    }
}
