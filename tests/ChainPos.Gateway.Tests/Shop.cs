using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Products and stock of their own for each commerce test (the fixture is shared), and the web shop's requests.</summary>
internal static class Shop
{
    public const string Warehouse = "WH-WEB";
    public const int Ttl = 900;

    /// <summary>Creates products priced 1.00, 2.00, … (admin) and receives the given units at each location; waits until availability shows them.</summary>
    public static async Task<string[]> ProductsAsync(Clients admin, int count, params (string Location, long Units)[] stock)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var skus = Enumerable.Range(1, count).Select(i => $"W{tag}-{i:D2}").ToArray();
        await admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "web-" + tag,
            Products = { skus.Select((sku, i) => Product(sku, "Web item " + (i + 1), (i + 1) * 100, "standard", "web")) },
        });
        foreach (var sku in skus)
        {
            foreach (var (location, units) in stock.Where(s => s.Units > 0))
            {
                await admin.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = location, Sku = sku, OperationId = $"rcv-{location}-{sku}", Quantity = units, Reason = "web test" });
            }
        }

        var expected = stock.Where(s => s.Units > 0).Sum(s => s.Units);
        foreach (var chunk in skus.Chunk(50))
        {
            await Eventually.UntilAsync(
                () => admin.Commerce.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { chunk } }).ResponseAsync,
                r => r.Skus.Count == chunk.Length && r.Skus.All(s => s.OnHandTotal == expected));
        }

        return skus;
    }

    public static ReserveStockRequest Reserve(string orderId, string pickup, params (string Sku, long Quantity)[] lines) => new()
    {
        OrderId = orderId,
        PickupLocationId = pickup,
        TtlSeconds = Ttl,
        Lines = { lines.Select(l => new ReserveLine { Sku = l.Sku, Quantity = l.Quantity }) },
    };

    public static OrderRequest Order(string orderId) => new() { OrderId = orderId };

    public static string NewOrderId() => "web-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<(long OnHand, long Reserved)> LevelAsync(Clients admin, string location, string sku)
    {
        var level = (await admin.Stock.GetStockAsync(new GetStockRequest { LocationId = location, Skus = { sku } })).Levels[0];
        return (level.OnHand, level.Reserved);
    }

    public static async Task<IReadOnlyList<string>> PickListAsync(Clients store, string storeId = S1) =>
        [.. (await store.Commerce.ListPickupsAsync(new ListPickupsRequest { StoreId = storeId })).Pickups.Select(p => p.OrderId)];
}
