using System.Globalization;
using System.Text.RegularExpressions;
using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;

namespace ChainPos.Operations.Tests;

/// <summary>Stock-out and negative-stock events from the SKU stock grain, as Prometheus reads them from a real node.</summary>
public sealed class StockMetricsTests
{
    private const string AdminSecret = "ops-stock-admin-0123456789";
    private const string Location = "OPS-STK";
    private const string Sku = "BOLT";
    private const long Price = 100;

    [Fact]
    public async Task SalesAndAdjustments_CrossingZero_CountStockOutsAndNegativeOnce()
    {
        await using var app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(
            NodeSettings.AllInOne().WithCredential("admin", AdminSecret, "Admin")));
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress(ChainPosApp.GrpcAddress(app));
        using var ops = new HttpClient { BaseAddress = ChainPosApp.HttpAddress(app) };
        var api = new Api(channel, AdminSecret);
        await api.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Api.Store(Location, ["R1"]) });
        await api.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "ops-stk-catalogue", Products = { Api.Product(Sku, Price) } });
        await Api.StockOperationAsync(api.Stock.ReceiveStockAsync, Location, Sku, "recv-1", 2);
        await api.OpenShiftAsync(Location, "R1");

        // 2 → 0: a stock-out. Its retry changes nothing. 0 → -1: negative, not a second stock-out.
        var first = Api.CashSale(Location, "R1", "stk-1", Sku, 2, 2 * Price);
        await api.Checkout.CompleteSaleAsync(first);
        Assert.True((await api.Checkout.CompleteSaleAsync(first)).Replayed);
        await api.Checkout.CompleteSaleAsync(Api.CashSale(Location, "R1", "stk-2", Sku, 1, Price));
        await Eventually.UntilAsync(() => OnHandAsync(api), onHand => onHand == -1, TimeSpan.FromSeconds(10));

        // -1 → 4 → 0 by an adjustment: a second stock-out; a refused adjustment (no quantity) counts nothing.
        await Api.StockOperationAsync(api.Stock.ReceiveStockAsync, Location, Sku, "recv-2", 5);
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => Api.StockOperationAsync(api.Stock.AdjustStockAsync, Location, Sku, "adj-bad", 0));
        var level = await Api.StockOperationAsync(api.Stock.AdjustStockAsync, Location, Sku, "adj-1", -4);

        var metrics = await ops.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal((0L, 2.0, 1.0), (level.OnHand, Value(metrics, "chainpos_stock_outs_total"), Value(metrics, "chainpos_stock_negative_total")));
        await app.StopAsync();
    }

    private static async Task<long> OnHandAsync(Api api) =>
        (await api.Stock.GetStockAsync(new GetStockRequest { LocationId = Location, Skus = { Sku } })).Levels.Single().OnHand;

    /// <summary>The sample of <paramref name="name"/> for this test's location; 0 when the counter has no such series yet.</summary>
    private static double Value(string metrics, string name)
    {
        var pattern = new Regex("^" + Regex.Escape(name) + "\\{[^}]*chainpos_location_id=\"" + Location + "\"[^}]*\\} (\\S+)", RegexOptions.Multiline);
        var matches = pattern.Matches(metrics);
        return matches.Count switch
        {
            0 => 0,
            1 => double.Parse(matches[0].Groups[1].Value, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"{matches.Count} series of {name} for {Location}:\n{metrics}"),
        };
    }
}
