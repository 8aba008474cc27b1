using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Checkout;
using ChainPos.Grains.Stock;
using ChainPos.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace ChainPos.MicroBenchmarks;

/// <summary>
/// What turning a grain's state into its stored row costs: the serializer the silo is configured with (Orleans'
/// System.Text.Json grain-storage serializer with ChainPos' adjustments), and the deep copy
/// <c>SnapshotGrainStorage</c> takes before the ADO.NET provider sees the state.
/// </summary>
internal sealed class GrainStateRows
{
    private GrainStateRows(IServiceProvider services)
    {
        Stored = services.GetRequiredService<IGrainStorageSerializer>();
        Copier = services.GetRequiredService<DeepCopier>();
    }

    /// <summary>The grain-storage serializer exactly as a ChainPos silo configures it.</summary>
    public IGrainStorageSerializer Stored { get; }

    /// <summary>Orleans' deep copier, as the snapshot wrapper uses it.</summary>
    public DeepCopier Copier { get; }

    public static GrainStateRows Create()
    {
        var services = new ServiceCollection();
        services.AddSerializer(s => s.AddAssembly(typeof(SkuStockState).Assembly));
        services.AddOptions<SystemTextJsonGrainStorageSerializerOptions>().Configure(o => GrainStateJson.Configure(o.JsonSerializerOptions));
        services.AddSingleton<IGrainStorageSerializer, SystemTextJsonGrainStorageSerializer>();
        return new GrainStateRows(services.BuildServiceProvider());
    }

    /// <summary>A hot SKU's stock during a flash sale: <paramref name="live"/> reservations held, 64 registers seen, 20 stock operations and a full window of 128 finished reservations remembered, and
    /// <paramref name="movements"/> movements in the state's history tail (16: half a page, the average before paging).</summary>
    public static SkuStockState Stock(int live, int movements = 16)
    {
        var expires = new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.Zero);
        var state = new SkuStockState { OnHand = 20_000, Reserved = live, SafetyStock = 2, ReorderPoint = 50, Version = 123_456 };
        for (var r = 0; r < 64; r++)
        {
            state.HighWater[$"S{r % 10:D3}/R{r}"] = 10_000 + r;
        }

        state.Operations.AddRange(Enumerable.Range(0, 20).Select(n => $"receive-{n:D8}"));
        for (var n = 0; n < live; n++)
        {
            state.Reservations[$"web-order-{n:D8}#1"] = new StockReservationEntry { Quantity = 1, ExpiresAt = expires.AddSeconds(n) };
        }

        state.Finished.AddRange(Enumerable.Range(0, 128).Select(n => new FinishedStockReservation($"web-order-old-{n:D8}#1", StockReservationEnd.Committed, 1)));
        state.Movements.AddRange(Enumerable.Range(0, movements).Select(n =>
            new StockMovement(expires.AddMinutes(-n), StockMovementKind.Sale, -1, 20_000 - n, $"{Guid.CreateVersion7(expires.AddMinutes(-n)):N}")));
        return state;
    }

    /// <summary>As <see cref="Stock"/>, marked as the group-commit provider marks it: the row leaves the live reservations out.</summary>
    public static SkuStockState StockApart(int live, int movements = 16)
    {
        var state = Stock(live, movements);
        ((ILedgerMapStore)state.Reservations).StoredApart = true;
        return state;
    }

    /// <summary>A busy register between sales: <paramref name="recentSales"/> sale ids remembered, an open shift, an empty outbox.</summary>
    public static RegisterState Register(int recentSales)
    {
        var at = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var state = new RegisterState
        {
            LastReceiptSequence = 5_000 + recentSales,
            LastEffectSequence = 5_000 + recentSales,
            Shift = new ShiftData
            {
                ShiftId = "shift-2026-12-05-1", CashierId = "E100", Currency = "EUR", OpenedAt = at.AddHours(-4),
                OpeningFloat = 20_000, SalesCount = 480, SalesTotal = 1_234_567, TaxTotal = 205_000, CashNet = 600_000,
                FirstReceiptSequence = 5_001, LastReceiptSequence = 5_000 + recentSales,
            },
        };
        for (var n = 0; n < recentSales; n++)
        {
            state.Recent[$"{Guid.CreateVersion7(at.AddSeconds(n)):N}"] = new RecentEntry
            {
                Kind = RecentKind.Sale, ReceiptSequence = 5_001 + n, OccurredAt = at.AddSeconds(n),
            };
        }

        return state;
    }
}
