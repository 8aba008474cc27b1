using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Microsoft.Data.Sqlite;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The real agent against a real node: a product sold by weight, scanned from a weight label (the store's prefix 22) and
/// weighed at the till, sold offline from the cached catalogue; the sale syncs once with the agent's amount and grams.
/// </summary>
public sealed class AgentWeighedSaleTests
{
    /// <summary>Loose apples at 5.98/kg; weight label item 2212345 is listed with weight 00000.</summary>
    internal static Product Loose { get; } = WeighedProduct();

    /// <summary>Store S1 reads prefix 22 labels as weights, and sells <see cref="Loose"/> (after <c>SeedAsync</c>).</summary>
    internal static async Task SeedWeighedAsync(Clients admin)
    {
        var store = StoreConfig(Store, ["R1"]);
        store.WeightLabelPrefixes.Add("22");
        await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = store });
        await admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "seed-loose", Products = { Loose } });
    }

    [Fact]
    public async Task WeightLabelSoldOffline_SyncsOnceWithTheSameAmountAndStockDownByTheGrams()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_weighed");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        await SeedWeighedAsync(admin);
        await admin.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = Store, Sku = "LOOSE", OperationId = "seed-loose", Quantity = 10_000, Reason = "opening stock (g)" });
        using var data = new TempDirectory();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count + 1, "catalogue synced");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

        // The weight label resolves to its product and its grams; a misread check digit is refused.
        var scanned = await GetAsync(agent, token, "api/products/scan/2212345005123");
        Assert.Equal(("LOOSE", 598L, true, 512, "2212345005123"), (scanned.GetProperty("sku").GetString(), scanned.GetProperty("price").GetInt64(),
            scanned.GetProperty("soldByWeight").GetBoolean(), scanned.GetProperty("weightGrams").GetInt32(), scanned.GetProperty("barcode").GetString()));
        var misread = await GetResponseAsync(agent, token, "api/products/scan/2212345005124");
        Assert.Equal((HttpStatusCode.BadRequest, "Barcode '2212345005124' has a wrong check digit (expected 3): scan it again or type the SKU."),
            (misread.StatusCode, await ErrorAsync(misread)));

        await node.StopAsync();
        // Offline, bad weights are refused and nothing is journaled.
        await ExpectRefusedAsync(agent, token, WeighedSale("bad-1", new { sku = "LOOSE", quantity = 1 }), "Line 1: SKU 'LOOSE' is sold by weight; weigh it or scan its weight label.");
        await ExpectRefusedAsync(agent, token, WeighedSale("bad-2", new { sku = "PEN", quantity = 1, weightGrams = 300 }), "Line 1: SKU 'PEN' is sold by the unit, not by weight; remove the weight.");
        await ExpectRefusedAsync(agent, token, WeighedSale("bad-3", new { sku = "LOOSE", quantity = 1, weightGrams = 100_001 }), "Line 1: a weight must be between 1 and 100000 grams (got 100001).");

        // 512 g from the label (3.06176 → 3.06) and 250 g weighed at the till (1.495 → 1.50).
        var sale = WeighedSale("weighed-1", new { sku = "LOOSE", quantity = 1, barcode = "2212345005123" }, new { sku = "LOOSE", quantity = 1, weightGrams = 250 });
        var offline = await SellAsync(agent, token, sale);
        Assert.Equal(("offline", 456L), (offline.GetProperty("mode").GetString(), offline.GetProperty("total").GetInt64()));
        Assert.Contains("  0.512 kg @ 5.98/kg", offline.GetProperty("receiptText").GetString(), StringComparison.Ordinal);

        await node.StartAsync();
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the offline sale synced");
        var again = await SellAsync(agent, token, sale);
        Assert.Equal(456L, again.GetProperty("total").GetInt64());
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((1, 456L), (x.SalesCount, x.SalesTotal));
        var synced = await admin.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = "S1-R1-000001" });
        Assert.Equal([("LOOSE", 1, 598L, 512, 306L), ("LOOSE", 1, 598L, 250, 150L)],
            synced.Receipt.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice, l.WeightGrams, l.Net)));
        var stock = await Eventually.UntilAsync(
            () => admin.Stock.GetStockAsync(new GetStockRequest { LocationId = Store, Skus = { "LOOSE" } }).ResponseAsync, r => r.Levels[0].OnHand != 10_000);
        Assert.Equal(10_000 - 512 - 250, stock.Levels[0].OnHand);
    }

    [Fact]
    public async Task CatalogueCopyFromBeforeWeighedProducts_ResyncedInFull_ThenTheWeightLabelScansByWeight()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_weighed_upgrade");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        await SeedWeighedAsync(admin);
        var products = new List<Product>();
        SyncCatalogResponse page;
        var cursor = "";
        do
        {
            page = await admin.Catalog.SyncCatalogAsync(new SyncCatalogRequest { Cursor = cursor });
            products.AddRange(page.Products);
            cursor = page.NextCursor;
        }
        while (page.HasMore);

        // An older agent's file: the whole catalogue synced up to the last cursor, without a unit of measure.
        using var data = new TempDirectory();
        WriteCatalogueCopyWithoutUnits(Path.Combine(data.Path, "agent.db"), products, cursor, page.CatalogVersion);
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        // Online is reported after a catalogue sync pass (nothing else has reached the platform yet): from the stored cursor it
        // would fetch nothing, so only a full resync can know LOOSE is sold by weight.
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean(), "first catalogue sync");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

        var scanned = await GetAsync(agent, token, "api/products/scan/2212345005123");
        Assert.Equal(("LOOSE", true, 512), (scanned.GetProperty("sku").GetString(), scanned.GetProperty("soldByWeight").GetBoolean(), scanned.GetProperty("weightGrams").GetInt32()));
    }

    private static void WriteCatalogueCopyWithoutUnits(string file, IEnumerable<Product> products, string cursor, long version)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var schema = connection.CreateCommand();
        schema.CommandText = """
            CREATE TABLE products(
              sku TEXT PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL, currency TEXT NOT NULL,
              tax_class TEXT NOT NULL, category TEXT NOT NULL, active INTEGER NOT NULL, barcodes TEXT NOT NULL);
            CREATE TABLE barcodes(code TEXT PRIMARY KEY, sku TEXT NOT NULL);
            CREATE TABLE kv(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """;
        schema.ExecuteNonQuery();
        foreach (var p in products)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO products VALUES($sku, $name, $price, $currency, $tax, $category, 1, $barcodes)";
            insert.Parameters.AddWithValue("$sku", p.Sku);
            insert.Parameters.AddWithValue("$name", p.Name);
            insert.Parameters.AddWithValue("$price", p.Price);
            insert.Parameters.AddWithValue("$currency", p.Currency);
            insert.Parameters.AddWithValue("$tax", p.TaxClass);
            insert.Parameters.AddWithValue("$category", p.Category);
            insert.Parameters.AddWithValue("$barcodes", string.Join(' ', p.Barcodes));
            insert.ExecuteNonQuery();
            foreach (var code in p.Barcodes)
            {
                using var barcode = connection.CreateCommand();
                barcode.CommandText = "INSERT INTO barcodes VALUES($code, $sku)";
                barcode.Parameters.AddWithValue("$code", code);
                barcode.Parameters.AddWithValue("$sku", p.Sku);
                barcode.ExecuteNonQuery();
            }
        }

        using var keys = connection.CreateCommand();
        keys.CommandText = "INSERT INTO kv VALUES('catalog.cursor', $cursor), ('catalog.version', $version)";
        keys.Parameters.AddWithValue("$cursor", cursor);
        keys.Parameters.AddWithValue("$version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        keys.ExecuteNonQuery();
    }

    private static Product WeighedProduct()
    {
        var product = Product("LOOSE", "Loose apples", 598, "reduced", "2212345000005");
        product.UnitOfMeasure = UnitOfMeasure.Kilogram;
        return product;
    }

    private static object WeighedSale(string saleId, params object[] lines) => new { saleId, basket = new { lines }, tenders = new[] { Cash(1_000) } };

    private static async Task ExpectRefusedAsync(AgentProcess agent, string token, object sale, string error)
    {
        var response = await PostAsync(agent, token, "api/sales", sale);
        Assert.Equal((HttpStatusCode.BadRequest, error), (response.StatusCode, await ErrorAsync(response)));
    }

    private static async Task<HttpResponseMessage> GetResponseAsync(AgentProcess agent, string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Session", token);
        return await agent.Http.SendAsync(request);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
}
