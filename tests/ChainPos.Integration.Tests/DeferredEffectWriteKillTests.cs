using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>
/// A stock grain applies a register's delivery in memory at once and acknowledges it only with a write shared over
/// <c>EffectWriteWindow</c>. If its silo dies inside that window, the change is gone with the activation, the register
/// still holds the effect (unacknowledged), delivers it again to the new activation, and it counts exactly once.
/// </summary>
public sealed class DeferredEffectWriteKillTests
{
    private const string Store = "S1";

    [Fact]
    public async Task SiloKilledBeforeTheSharedStockWrite_RegisterRedeliversAndTheSaleCountsOnce()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("deferred");
        await using var cluster = await PostgresCluster.StartAsync(db, "deferred-svc", checkout: o => o.EffectWriteWindow = TimeSpan.FromSeconds(10));
        var chain = new Chain(cluster.Client);
        await chain.ConfigureStoreAsync(Store, "R1");
        await chain.AddProductsAsync("cat-1", ("A", 1000));
        await chain.ReceiveAsync(Store, "A", 100);
        await chain.OpenShiftAsync(Store, "R1", "shift-1");
        var register = chain.Register(Store, "R1");
        var stock = chain.Stock(Store, "A");
        var (survivor, victim) = (cluster.Silos[0], cluster.Silos[1]);
        await cluster.PlaceOnAsync(register, survivor);
        await cluster.PlaceOnAsync(stock, victim);

        var receipt = await register.CompleteSaleAsync(Sale("k-1", 2000, [Line("A", 2)], Cash(2000)));

        // Delivered and applied in memory (reads see it), but not yet written: the stock's window is still open.
        await Eventually.UntilAsync(async () => (await stock.GetAsync()).OnHand, onHand => onHand == 98);

        await cluster.KillSiloAsync(victim);

        // The register's delivery fails with the silo; it re-delivers to a new activation, which starts from the
        // durable 100 and applies the sale once.
        Assert.Equal(0, await Eventually.UntilAsync(register.FlushOutboxAsync, pending => pending == 0, TimeSpan.FromSeconds(60)));
        Assert.Equal(98, (await stock.GetAsync()).OnHand);
        Assert.Equal(0, await register.FlushOutboxAsync());
        Assert.Equal(98, (await stock.GetAsync()).OnHand);
        Assert.Equal(receipt.ReceiptNumber, (await chain.SaleRecord("k-1").GetAsync())!.Sale.Receipt.ReceiptNumber);
    }
}
