using System.Diagnostics;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Checkout;
using ChainPos.Domain;
using ChainPos.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace ChainPos.Grains.Tests;

/// <summary>
/// The silos' product caches serve sales without asking the catalogue shards, and a catalogue change is acknowledged
/// only when no cache can serve the old product any more.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ProductCacheTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private ICatalogGrain Catalog => fixture.Grains.GetGrain<ICatalogGrain>(GrainKeys.Catalog);

    private IEnumerable<ProductCache> Caches => fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<ProductCache>());

    private static ProductInfo Product(string sku, long price, bool active = true) =>
        new(sku, "Product " + sku, [], price, ClusterFixture.Currency, "standard", "general", active, 0);

    private async Task<(string Store, string Sku, IRegisterGrain Register)> SellUntilCachedAsync()
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("pc"));
        var sku = "P-" + store;
        await fixture.AddProductsAsync(store, 1000, (sku, 1000));
        var register = fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(store, "R1"));
        await register.OpenShiftAsync(new OpenShiftCommand("shift-1", "cashier", "1234", 10_000));

        // The first lookups start the silo's watch; until the catalogue grants it, lookups go to the shards.
        var deadline = Stopwatch.StartNew();
        while (!Caches.Any(c => c.Holds(sku)))
        {
            Assert.True(deadline.Elapsed < Wait, "no silo cached the product");
            var receipt = await register.CompleteSaleAsync(Sale(store, sku, 1000));
            Assert.Equal(1000, receipt.Total);
            await Task.Delay(100);
        }

        return (store, sku, register);
    }

    private static CompleteSaleCommand Sale(string store, string sku, long cash) => new(
        ClusterFixture.NewId("sale"), ClusterFixture.Currency, [new SaleLineSpec(sku, 1)], [new TenderSpec(TenderType.Cash, cash)],
        OccurredAt: ClusterFixture.Time.GetUtcNow());

    [Fact]
    public async Task PriceChange_OfACachedProduct_PricesTheVeryNextSale()
    {
        var (store, sku, register) = await SellUntilCachedAsync();

        await Catalog.UpsertAsync(ClusterFixture.NewId("op"), [Product(sku, 1500)]);

        Assert.DoesNotContain(Caches, c => c.Holds(sku));
        var receipt = await register.CompleteSaleAsync(Sale(store, sku, 2000));
        Assert.Equal(1500, receipt.Total);
        Assert.Contains(Caches, c => c.Holds(sku)); // and cached again, at the new price
    }

    [Fact]
    public async Task Discontinuing_ACachedProduct_RefusesTheVeryNextSale()
    {
        var (store, sku, register) = await SellUntilCachedAsync();

        await Catalog.UpsertAsync(ClusterFixture.NewId("op"), [Product(sku, 1000, active: false)]);

        var refused = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale(store, sku, 1000)));
        Assert.Equal(ErrorCode.FailedPrecondition, refused.Code);
    }

    [Fact]
    public async Task Watch_IsToldOfEveryChangeBeforeItIsAcknowledged_AndContinuesWhileListed()
    {
        var observer = new RecordingObserver();
        var reference = fixture.Grains.CreateObjectReference<ICatalogChangeObserver>(observer);
        var lease = TimeSpan.FromSeconds(3); // short: once this test is done its lapsed watch costs later changes nothing

        Assert.False(await Catalog.WatchAsync(reference, lease)); // a new watch: the cache must start empty
        Assert.True(await Catalog.WatchAsync(reference, lease));  // renewed without a gap
        var sku = ClusterFixture.NewId("W");
        var version = await Catalog.UpsertAsync(ClusterFixture.NewId("op"), [Product(sku, 700)]);

        Assert.Contains((version, sku), observer.Changes);
        fixture.Grains.DeleteObjectReference<ICatalogChangeObserver>(reference);
    }

    [Fact]
    public async Task Watch_ThatCannotBeTold_HoldsTheChangeUntilItsLeaseLapses_AndStartsAnewAfter()
    {
        var observer = new RecordingObserver { Fail = true };
        var reference = fixture.Grains.CreateObjectReference<ICatalogChangeObserver>(observer);
        var lease = TimeSpan.FromSeconds(2);
        var watched = Stopwatch.StartNew();
        Assert.False(await Catalog.WatchAsync(reference, lease));

        await Catalog.UpsertAsync(ClusterFixture.NewId("op"), [Product(ClusterFixture.NewId("F"), 700)]);

        // A cache that did not hear of the change may serve the old product until its lease ends; not a moment less.
        Assert.True(watched.Elapsed >= lease - TimeSpan.FromMilliseconds(20), $"acknowledged after {watched.Elapsed}, inside the lease");
        observer.Fail = false;
        Assert.False(await Catalog.WatchAsync(reference, lease)); // it was dropped: it must empty itself
        fixture.Grains.DeleteObjectReference<ICatalogChangeObserver>(reference);
    }

    private sealed class RecordingObserver : ICatalogChangeObserver
    {
        public List<(long Version, string Sku)> Changes { get; } = [];

        public bool Fail { get; set; }

        public Task ProductsChangedAsync(long version, IReadOnlyList<string> skus)
        {
            if (Fail)
            {
                throw new InvalidOperationException("this cache is unreachable");
            }

            lock (Changes)
            {
                Changes.AddRange(skus.Select(s => (version, s)));
            }

            return Task.CompletedTask;
        }

        public Task WatchEndedAsync() => Task.CompletedTask;
    }
}
