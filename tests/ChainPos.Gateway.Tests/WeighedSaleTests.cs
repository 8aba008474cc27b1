using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Till;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Products sold by weight: weight labels (prefix 22 and 23 in the fixture's stores) and typed weights on CompleteSale.</summary>
[Collection(GatewayCollection.Name)]
public sealed class WeighedSaleTests(GatewayFixture fixture)
{
    private const string Register = "R11";
    private const string Sku = "LOOSE";
    private readonly Clients _s1 = fixture.S1Agent;

    private static SaleLine WeightLabel(string barcode, string sku = Sku, int quantity = 1) => new() { Sku = sku, Quantity = quantity, EmbeddedBarcode = barcode };

    private static SaleLine Weighed(int grams, string sku = Sku) => new() { Sku = sku, Quantity = 1, WeightGrams = grams };

    [Fact]
    public async Task ConfigureStore_WeightLabelPrefixOutsideTwentyToTwentyNine_InvalidArgumentAndTheStoreKeepsItsPrefixes()
    {
        var store = Store(S1, S1Registers);
        store.WeightLabelPrefixes.Add("30");

        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = store }));

        Assert.Equal("weight_label_prefixes are two-digit scale label prefixes 20..29.", error.Status.Detail);
        var current = await fixture.Admin.Stores.GetStoreAsync(new GetStoreRequest { StoreId = S1 });
        Assert.Equal(["22", "23"], current.WeightLabelPrefixes);
    }

    [Fact]
    public async Task CompleteSale_WeightLabelAndTypedWeight_PricedByTheGramsStockDownByTheGrams_BadInputChangesNothing()
    {
        // Loose apples at 5.98/kg; their weight label item 2212345 is listed with weight 00000; stock is counted in grams.
        var product = Product(Sku, "Loose apples", 598, "reduced", "food", "2212345000005");
        product.UnitOfMeasure = UnitOfMeasure.Kilogram;
        await fixture.Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "seed-loose", Products = { product } });
        var read = await _s1.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { Sku, "PEN" } });
        Assert.Equal([(Sku, UnitOfMeasure.Kilogram), ("PEN", UnitOfMeasure.Each)], read.Products.Select(p => (p.Sku, p.UnitOfMeasure)).OrderByDescending(p => p.Sku == Sku));
        await _s1.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = S1, Sku = Sku, OperationId = "seed-loose-stock", Quantity = 10_000, Reason = "opening stock (g)" });
        await OpenShiftAsync(_s1, Register);

        async Task<string> RefusedAsync(string saleId, SaleLine line) =>
            (await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.CompleteSaleAsync(Sale(Register, saleId, [line], [Cash(10_000)])))).Status.Detail;

        Assert.Equal("Line 1: '2212345005124' is not a price-embedded EAN-13 (13 digits, prefix 2, valid check digit); scan the label again.",
            await RefusedAsync("w-bad-check", WeightLabel("2212345005124")));
        Assert.Equal("Line 1: SKU 'LOOSE' is sold by weight; weigh it or scan its weight label.", await RefusedAsync("w-no-weight", Line(Sku, 1)));
        Assert.Equal("Line 1: SKU 'PEN' is sold by the unit, not by weight; remove the weight.", await RefusedAsync("w-each", Weighed(500, "PEN")));
        Assert.Equal("Line 1: weight_grams must be between 1 and 100000 (got 0).", await RefusedAsync("w-zero", Weighed(0)));
        Assert.Equal("Line 1: weight_grams must be between 1 and 100000 (got 100001).", await RefusedAsync("w-heavy", Weighed(100_001)));
        Assert.Equal("Line 1: a weight label is one package, quantity 1 and no price override (scan each package).",
            await RefusedAsync("w-twice", WeightLabel("2212345005123", quantity: 2)));
        Assert.StartsWith("Line 1: label item 2212345 is not SKU 'PEN'", await RefusedAsync("w-other", WeightLabel("2212345005123", sku: "PEN")), StringComparison.Ordinal);
        var mismatch = WeightLabel("2212345005123");
        mismatch.WeightGrams = 500;
        Assert.Equal("Line 1: weight_grams 500 is not the label's weight of 512 g; send the label alone.", await RefusedAsync("w-mismatch", mismatch));

        // 512 g from a weight label (5.98 × 0.512 = 3.06176 → 3.06) and 250 g weighed at the till (1.495 → 1.50).
        var request = Sale(Register, "w-sale", [WeightLabel("2212345005123"), Weighed(250)], [Cash(1_000)]);
        request.ExpectedTotal = 306 + 150;
        var receipt = await _s1.Checkout.CompleteSaleAsync(request);

        Assert.Equal((1L, 456L, 544L), (receipt.ReceiptSequence, receipt.Total, receipt.Change));
        Assert.Equal([(Sku, 1, 598L, 512, 306L), (Sku, 1, 598L, 250, 150L)], receipt.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice, l.WeightGrams, l.Net)));
        await StockWhenAsync(_s1, new() { [Sku] = 10_000 - 512 - 250 });
        var replay = await _s1.Checkout.CompleteSaleAsync(request);
        Assert.Equal((true, 1L, 456L), (replay.Replayed, replay.ReceiptSequence, replay.Total));

        // Returning one of LOOSE gives back a whole weighed line: its amount and its grams.
        var refund = await _s1.Checkout.ReturnItemsAsync(new ReturnItemsRequest
        {
            StoreId = S1, RegisterId = Register, ReturnId = "w-return", OriginalSaleId = "w-sale", Currency = Currency,
            Lines = { new ReturnLine { Sku = Sku, Quantity = 1 } }, RefundTenders = { Cash(306) }, Reason = "bruised",
        });
        var returned = Assert.Single(refund.Lines);
        Assert.Equal((306L, 306L, 512, 1), (refund.RefundTotal, returned.Gross, returned.WeightGrams, returned.Quantity));
        await StockWhenAsync(_s1, new() { [Sku] = 10_000 - 250 });
        var x = await _s1.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = S1, RegisterId = Register });
        Assert.Equal((1, 456L), (x.SalesCount, x.SalesTotal));
    }
}
