using System.Text;
using ChainPos.Api.V1;
using Google.Protobuf;
using Grpc.Core;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CatalogImportTests(GatewayFixture fixture)
{
    private const string Header = "sku,name,price,currency,tax_class,category,barcodes,active\n";

    [Fact]
    public async Task ImportProducts_ValidFile_UpsertsEveryRow()
    {
        const string csv = "\uFEFFSKU,Name,Price,Currency,Tax_Class,Category,Barcodes\r\n"
            + "IMP-1,\"T-shirt, black, M\",1999,EUR,standard,apparel,4006381333931\r\n"
            + "\r\n"
            + "IMP-2,\"The \"\"Best\"\" mug\",899,EUR,standard,home, 96385074 | 4006381333931 \r\n"
            + " IMP-3 ,Apples,349,EUR,reduced,food,\r\n";

        var response = await ImportAsync("import-ok", csv);

        Assert.Equal(3, response.Count);
        var read = await fixture.S1Agent.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { "IMP-1", "IMP-2", "IMP-3" } });
        Assert.Collection(
            read.Products,
            p => Assert.Equal(("IMP-1", "T-shirt, black, M", 1999L, "EUR", "standard", "apparel", true, response.CatalogVersion), (p.Sku, p.Name, p.Price, p.Currency, p.TaxClass, p.Category, p.Active, p.Version)),
            p => Assert.Equal(("The \"Best\" mug", 899L, "home"), (p.Name, p.Price, p.Category)),
            p => Assert.Equal(("IMP-3", "Apples", "reduced", 0), (p.Sku, p.Name, p.TaxClass, p.Barcodes.Count)));
        Assert.Equal(["96385074", "4006381333931"], read.Products[1].Barcodes);

        var retried = await ImportAsync("import-ok", csv);
        Assert.Equal(response.CatalogVersion, retried.CatalogVersion);
    }

    [Fact]
    public async Task ImportProducts_ActiveColumn_DiscontinuesProduct()
    {
        await ImportAsync("import-active", Header + "IMP-A,Active,100,EUR,standard,misc,,true\nIMP-B,Gone,100,EUR,standard,misc,,false\nIMP-C,Default,100,EUR,standard,misc,,\n");

        var read = await fixture.Admin.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { "IMP-A", "IMP-B", "IMP-C" } });
        Assert.Equal([true, false, true], read.Products.Select(p => p.Active));
    }

    [Fact]
    public async Task ImportProducts_SupplierColumns_SupplierAndCostStored()
    {
        await ImportAsync("import-supplier", "sku,name,price,currency,tax_class,category,barcodes,supplier_id,supplier_name,unit_cost\n"
            + "IMP-S1,Supplied,100,EUR,standard,misc,,ACME,\"Acme, Inc.\",45\nIMP-S2,Unsupplied,100,EUR,standard,misc,,,,\n");

        var read = await fixture.Admin.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { "IMP-S1", "IMP-S2" } });
        Assert.Equal([("ACME", "Acme, Inc.", 45L), ("", "", 0L)], read.Products.Select(p => (p.SupplierId, p.SupplierName, p.UnitCost)));

        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.ImportProductsAsync(Request("import-supplier-bad",
            "sku,name,price,currency,tax_class,category,barcodes,supplier_name\nIMP-S3,No id,100,EUR,standard,misc,,Acme\n")));
        Assert.StartsWith("Line 2: supplier_id and supplier_name go together", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportProducts_UnitColumn_KgIsSoldByWeightEachAndEmptyByTheUnit()
    {
        await ImportAsync("import-unit", "sku,name,price,currency,tax_class,category,barcodes,unit\n"
            + "IMP-U1,Loose carrots,249,EUR,reduced,food,2212346000004,kg\nIMP-U2,Bag of carrots,199,EUR,reduced,food,,each\nIMP-U3,Carrot cake,399,EUR,reduced,food,,\n");

        var read = await fixture.Admin.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { "IMP-U1", "IMP-U2", "IMP-U3" } });
        Assert.Equal([UnitOfMeasure.Kilogram, UnitOfMeasure.Each, UnitOfMeasure.Each], read.Products.Select(p => p.UnitOfMeasure));

        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.ImportProductsAsync(Request("import-unit-bad",
            "sku,name,price,currency,tax_class,category,barcodes,unit\nIMP-U4,Loose,249,EUR,reduced,food,,lb\n")));
        Assert.StartsWith("Line 2: unit must be each or kg (got 'lb').", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportProducts_BadRow_InvalidArgumentWithLineAndNothingImported()
    {
        const string csv = Header
            + "IMP-X1,Fine,100,EUR,standard,misc,,\n"
            + "IMP-X2,\"Fine, too\",200,EUR,standard,misc,4006381333931,\n"
            + "IMP-X3,Bad barcode,300,EUR,standard,misc,4006381333932,\n"
            + "IMP-X4,Bad price,3.00,EUR,standard,misc,,\n";

        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.ImportProductsAsync(Request("import-bad", csv)));

        Assert.StartsWith("Line 4: barcode '4006381333932' is not a valid EAN-13", error.Status.Detail, StringComparison.Ordinal);
        var read = await fixture.Admin.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { "IMP-X1", "IMP-X2" } });
        Assert.Empty(read.Products);
    }

    [Theory]
    [InlineData("IMP-D,Dup,1,EUR,standard,misc,,\nIMP-D,Dup,1,EUR,standard,misc,,\n", "Line 3: sku 'IMP-D' already appears on line 2")]
    [InlineData("IMP-E,Short,1,EUR,standard,misc\n", "Line 2: expected 8 fields but found 6")]
    [InlineData("IMP-F,Price,12.99,EUR,standard,misc,,\n", "Line 2: price must be a whole number")]
    [InlineData("IMP-G,Currency,1,eur,standard,misc,,\n", "Line 2: currency must be")]
    [InlineData("IMP-H,\"Unclosed,1,EUR,standard,misc,,\n", "Line 2: a quoted field is not closed")]
    [InlineData("IMP-I,Active,1,EUR,standard,misc,,maybe\n", "Line 2: active must be true or false")]
    [InlineData("bad sku,Name,1,EUR,standard,misc,,\n", "Line 2: sku must be")]
    public async Task ImportProducts_InvalidRow_InvalidArgumentNamingLine(string rows, string expected)
    {
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.ImportProductsAsync(Request("import-invalid", Header + rows)));
        Assert.StartsWith(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportProducts_MissingColumn_InvalidArgument()
    {
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.ImportProductsAsync(Request("import-header", "sku,name,price\nA,B,1\n")));
        Assert.StartsWith("Line 1: missing column(s) currency, tax_class, category, barcodes.", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportProducts_5001Rows_ResourceExhausted()
    {
        var rows = string.Concat(Enumerable.Range(0, 5001).Select(i => $"BIG-{i},Big,1,EUR,standard,misc,,\n"));
        await Expect.StatusAsync(StatusCode.ResourceExhausted, fixture.Admin.Catalog.ImportProductsAsync(Request("import-rows", Header + rows)));
    }

    [Fact]
    public async Task ImportProducts_Over4MiB_ResourceExhausted()
    {
        var csv = Header + "HUGE-1,\"" + new string('x', 4 * 1024 * 1024) + "\",1,EUR,standard,misc,,\n";
        await Expect.StatusAsync(StatusCode.ResourceExhausted, fixture.Admin.Catalog.ImportProductsAsync(Request("import-bytes", csv)));
    }

    private async Task<UpsertProductsResponse> ImportAsync(string operationId, string csv) =>
        await fixture.Admin.Catalog.ImportProductsAsync(Request(operationId, csv));

    private static ImportProductsRequest Request(string operationId, string csv) =>
        new() { OperationId = operationId, Csv = ByteString.CopyFrom(csv, Encoding.UTF8) };
}
