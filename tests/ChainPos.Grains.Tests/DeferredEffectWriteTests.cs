using ChainPos.Abstractions;
using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Stock;
using ChainPos.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace ChainPos.Grains.Tests;

/// <summary>
/// Outbox deliveries to stock wait up to <see cref="CheckoutOptions.EffectWriteWindow"/> for a write they share: the
/// deltas are visible at once, acknowledged only after that write, and any call that must be durable before it
/// answers starts the write at once, carrying them. Own cluster: a long window makes "not yet written" observable.
/// </summary>
public sealed class DeferredEffectWriteTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Grains);
            silo.UseInMemoryReminderService();
            silo.AddChainPosGrains(o => o.EffectWriteWindow = Window);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private ISkuStockGrain Stock(string sku) => _cluster.Client.GetGrain<ISkuStockGrain>(GrainKeys.Stock(ClusterFixture.NewId("loc"), sku));

    /// <summary>The stock grain's state as the storage holds it (what a new activation would start from).</summary>
    private async Task<SkuStockState> StoredAsync(ISkuStockGrain stock)
    {
        var storage = _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var state = new GrainState<SkuStockState>(new SkuStockState());
        await storage.ReadStateAsync("stock", stock.GetGrainId(), state);
        return state.State!;
    }

    private static async Task UntilOnHandAsync(ISkuStockGrain stock, long onHand)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while ((await stock.GetAsync()).OnHand != onHand && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(onHand, (await stock.GetAsync()).OnHand);
    }

    private static SequencedStockDelta[] Deltas(long sequence, long quantity) => [new SequencedStockDelta(sequence, quantity)];

    [Fact]
    public async Task ApplyDeltas_VisibleAtOnce_AcknowledgedOnlyAfterOneSharedDurableWrite()
    {
        var stock = Stock("SKU-W");
        await stock.ApplyOperationAsync(new StockOperation("rcv-1", StockOperationKind.Receive, 100, "test"));

        var fromR1 = stock.ApplyDeltasAsync("S/R1", Deltas(1, -3));
        var fromR2 = stock.ApplyDeltasAsync("S/R2", Deltas(7, -2));

        // In memory at once (calls from one client are not ordered: wait until both are in); not yet stored, and
        // neither register has its acknowledgement.
        await UntilOnHandAsync(stock, 95);
        var stored = await StoredAsync(stock);
        Assert.Equal(100, stored.OnHand);
        Assert.Empty(stored.HighWater);
        Assert.False(fromR1.IsCompleted);
        Assert.False(fromR2.IsCompleted);

        var applied = await Task.WhenAll(fromR1, fromR2);
        Assert.Equal([1, 1], applied);
        stored = await StoredAsync(stock);
        Assert.Equal(95, stored.OnHand);
        Assert.Equal(1, stored.HighWater["S/R1"]);
        Assert.Equal(7, stored.HighWater["S/R2"]);

        // A repeat of an acknowledged delivery changes nothing.
        Assert.Equal(0, await stock.ApplyDeltasAsync("S/R1", Deltas(1, -3)));
        Assert.Equal(95, (await stock.GetAsync()).OnHand);
    }

    [Fact]
    public async Task ApplyOperation_WhileDeltasWait_WritesAtOnceAndCarriesThem()
    {
        var stock = Stock("SKU-U");
        await stock.ApplyOperationAsync(new StockOperation("rcv-1", StockOperationKind.Receive, 100, "test"));

        var delivery = stock.ApplyDeltasAsync("S/R1", Deltas(1, -4));
        // Calls from one client are not ordered: make sure the delivery is in and waiting before the urgent call.
        await UntilOnHandAsync(stock, 96);

        Assert.False(delivery.IsCompleted);
        var started = DateTime.UtcNow;
        await stock.ApplyOperationAsync(new StockOperation("rcv-2", StockOperationKind.Receive, 10, "test"));
        await delivery;

        // Both in the receive's write, well before the delivery's window would have ended.
        Assert.True(DateTime.UtcNow - started < Window, "the urgent write waited for the window");
        var stored = await StoredAsync(stock);
        Assert.Equal(106, stored.OnHand);
        Assert.Equal(1, stored.HighWater["S/R1"]);
    }
}
