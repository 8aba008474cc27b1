using System.Diagnostics;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Stock;

namespace ChainPos.Grains.Tests;

/// <summary>Stock at several locations for the reservation tests, and bounded waits for the availability index.</summary>
internal static class CommerceSetup
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(30);

    public static ISkuStockGrain Stock(this ClusterFixture fixture, string location, string sku) =>
        fixture.Grains.GetGrain<ISkuStockGrain>(GrainKeys.Stock(location, sku));

    public static IOrderReservationGrain Order(this ClusterFixture fixture, string orderId) =>
        fixture.Grains.GetGrain<IOrderReservationGrain>(GrainKeys.Order(orderId));

    public static Task<StockLevel> ReceiveAsync(this ClusterFixture fixture, string location, string sku, long quantity) =>
        fixture.Stock(location, sku).ApplyOperationAsync(new StockOperation(ClusterFixture.NewId("rcv"), StockOperationKind.Receive, quantity, "test"));

    /// <summary>Waits until the SKU's index shows every location's current stock level (it is fed after each write).</summary>
    public static async Task IndexedAsync(this ClusterFixture fixture, string sku, params string[] locations)
    {
        var index = fixture.Grains.GetGrain<IAvailabilityGrain>(GrainKeys.Availability(sku));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var levels = await Task.WhenAll(locations.Select(l => fixture.Stock(l, sku).GetAsync()));
            var indexed = (await index.GetAsync(locations)).ToDictionary(l => l.LocationId);
            if (levels.All(l => indexed.TryGetValue(l.LocationId, out var i) && (i.OnHand, i.Reserved, i.SafetyStock) == (l.OnHand, l.Reserved, l.SafetyStock)))
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"The availability index of {sku} did not catch up.");
            }

            await Task.Delay(10);
        }
    }

    public static ReserveCommand Pickup(string store, params (string Sku, long Quantity)[] lines) =>
        new([.. lines.Select(l => new OrderLineSpec(l.Sku, l.Quantity))], store, null, Ttl);

    public static ReserveCommand Ship(params (string Sku, long Quantity)[] lines) =>
        new([.. lines.Select(l => new OrderLineSpec(l.Sku, l.Quantity))], null, null, Ttl);

    public static async Task<(long OnHand, long Reserved)> LevelAsync(this ClusterFixture fixture, string location, string sku)
    {
        var level = await fixture.Stock(location, sku).GetAsync();
        return (level.OnHand, level.Reserved);
    }
}
