using System.Net;
using System.Net.Http.Headers;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Draft purchase orders grouped by the products' suppliers and their CSV export, at store SPO (only this class uses it).</summary>
[Collection(GatewayCollection.Name)]
public sealed class PurchaseOrderTests(GatewayFixture fixture)
{
    private const string Spo = "SPO";

    [Fact]
    public async Task DraftPurchaseOrders_ProductsWithSuppliers_GroupedBySupplierAndExportedAsExactCsv()
    {
        await fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(Spo, ["R1"]) });
        await fixture.Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "po-products",
            Products =
            {
                Supplied(Product("PO-A1", "Bolts, M6 (100)", 500, "standard", "hardware"), "ACME", "Acme, Inc.", 240),
                Supplied(Product("PO-A2", "Washers", 300, "standard", "hardware"), "ACME", "Acme, Inc.", 0),
                Supplied(Product("PO-B1", "Glue \"Strong\"", 700, "standard", "hardware"), "BOLT", "Bolt & Co", 350),
                Product("PO-N1", "Tape", 200, "standard", "hardware"),
            },
        });
        foreach (var (sku, onHand, reorderPoint, target) in new[] { ("PO-A1", 2L, 5L, 20L), ("PO-A2", 4L, 5L, 0L), ("PO-B1", 1L, 3L, 0L), ("PO-N1", 5L, 5L, 0L) })
        {
            await fixture.Admin.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = Spo, Sku = sku, OperationId = "po-receive-" + sku, Quantity = onHand, Reason = "delivery" });
            await fixture.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Spo, Sku = sku, ReorderPoint = reorderPoint, TargetLevel = target });
        }

        var report = await Eventually.UntilAsync(
            () => fixture.Admin.Stock.GetLowStockAsync(new GetLowStockRequest { StoreId = Spo }).ResponseAsync, r => r.Items.Count == 4);

        Assert.Equal(
            [("ACME", "Acme, Inc.", 24L, "PO-A1,PO-A2"), ("BOLT", "Bolt & Co", 5L, "PO-B1"), ("", "", 5L, "PO-N1")],
            report.Drafts.Select(d => (d.Supplier, d.SupplierName, d.TotalUnits, string.Join(',', d.Lines.Select(l => l.Sku)))));
        Assert.Equal((240L, "EUR"), (report.Items[0].UnitCost, report.Items[0].Currency));

        await Expect.StatusAsync(StatusCode.PermissionDenied,
            fixture.S1Agent.Stock.ExportDraftPurchaseOrderAsync(new ExportDraftPurchaseOrderRequest { StoreId = Spo, Supplier = "ACME" }));

        var file = await fixture.Admin.Stock.ExportDraftPurchaseOrderAsync(new ExportDraftPurchaseOrderRequest { StoreId = Spo, Supplier = "ACME" });
        Assert.Equal(("purchase-order-SPO-ACME.csv", "text/csv"), (file.FileName, file.ContentType));
        Assert.Equal(
            "store_id,supplier_id,supplier_name,sku,description,on_hand,reorder_point,target_level,suggested_quantity,unit_cost,currency\r\n" +
            "SPO,ACME,\"Acme, Inc.\",PO-A1,\"Bolts, M6 (100)\",2,5,20,18,240,EUR\r\n" +
            "SPO,ACME,\"Acme, Inc.\",PO-A2,Washers,4,5,10,6,,\r\n",
            file.Content.ToStringUtf8());

        var unassigned = await fixture.Admin.Stock.ExportDraftPurchaseOrderAsync(new ExportDraftPurchaseOrderRequest { StoreId = Spo });
        Assert.Equal("purchase-order-SPO-unassigned.csv", unassigned.FileName);
        Assert.Equal(PurchaseOrderHeader + "SPO,,,PO-N1,Tape,5,5,10,5,,\r\n", unassigned.Content.ToStringUtf8());

        using var http = new HttpClient { BaseAddress = fixture.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/backoffice/api/stores/{Spo}/purchase-order?supplier=BOLT");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminSecret);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PurchaseOrderHeader + "SPO,BOLT,Bolt & Co,PO-B1,\"Glue \"\"Strong\"\"\",1,3,6,5,350,EUR\r\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExportDraftPurchaseOrder_BadOrUnknownSupplierOrNoCredential_ClearStatus()
    {
        await fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(Spo, ["R1"]) });
        var bad = await Expect.StatusAsync(StatusCode.InvalidArgument,
            fixture.Admin.Stock.ExportDraftPurchaseOrderAsync(new ExportDraftPurchaseOrderRequest { StoreId = Spo, Supplier = "no such/one" }));
        Assert.Contains("supplier", bad.Status.Detail, StringComparison.Ordinal);
        var none = await Expect.StatusAsync(StatusCode.NotFound,
            fixture.Admin.Stock.ExportDraftPurchaseOrderAsync(new ExportDraftPurchaseOrderRequest { StoreId = Spo, Supplier = "NOBODY" }));
        Assert.Contains("NOBODY", none.Status.Detail, StringComparison.Ordinal);
        await Expect.StatusAsync(StatusCode.Unauthenticated,
            fixture.Anonymous.Stock.ExportDraftPurchaseOrderAsync(new ExportDraftPurchaseOrderRequest { StoreId = Spo }));

        using var http = new HttpClient { BaseAddress = fixture.HttpAddress };
        using var response = await http.GetAsync(new Uri($"/backoffice/api/stores/{Spo}/purchase-order?supplier=ACME", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(1, "ACME", "", "supplier_id and supplier_name go together")]
    [InlineData(2, "", "Acme", "supplier_id and supplier_name go together")]
    [InlineData(3, "AC ME", "Acme", "supplier_id must be")]
    public async Task UpsertProducts_BadSupplier_InvalidArgument(int attempt, string supplierId, string supplierName, string message)
    {
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "po-bad-" + attempt,
            Products = { Supplied(Product("PO-BAD", "Bad", 100, "standard", "hardware"), supplierId, supplierName, 0) },
        }));
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertProducts_NegativeUnitCost_InvalidArgument()
    {
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "po-bad-cost",
            Products = { Supplied(Product("PO-BAD", "Bad", 100, "standard", "hardware"), "ACME", "Acme", -1) },
        }));
        Assert.Contains("unit_cost", error.Status.Detail, StringComparison.Ordinal);
    }

    private const string PurchaseOrderHeader =
        "store_id,supplier_id,supplier_name,sku,description,on_hand,reorder_point,target_level,suggested_quantity,unit_cost,currency\r\n";

    private static Product Supplied(Product product, string supplierId, string supplierName, long unitCost)
    {
        product.SupplierId = supplierId;
        product.SupplierName = supplierName;
        product.UnitCost = unitCost;
        return product;
    }
}
