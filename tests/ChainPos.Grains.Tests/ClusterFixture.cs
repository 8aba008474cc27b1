using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Stock;
using ChainPos.Abstractions.Stores;
using ChainPos.Domain;
using ChainPos.Grains.Hosting;
using ChainPos.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace ChainPos.Grains.Tests;

/// <summary>One 2-silo in-process cluster with memory storage for every grain test, and a fake clock for holds.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Currency = "EUR";

    public static FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseChainPosGrainStateJson(); // state stored as production stores it
            silo.AddMemoryGrainStorage(StorageNames.Grains);
            silo.UseInMemoryReminderService();
            silo.AddChainPosGrains();
            silo.AddIncomingGrainCallFilter<PickListFaults>();

            // Timers run on the fake clock here: push to the availability index without the debounce delay.
            silo.Services.Configure<CommerceOptions>(o =>
            {
                o.AvailabilityPushInterval = TimeSpan.Zero;
                o.LocationFeeds.Add("L-*"); // locations of LocationStockFeedTests publish a location-wide feed; others do not
            });
            silo.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A store with one register, two tax classes, a cashier (PIN 1234) and a supervisor (PIN 9999).</summary>
    public async Task<string> CreateStoreAsync(string storeId, params PromotionSpec[] promotions)
    {
        await Grains.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).ConfigureAsync(new StoreSettings(
            storeId, "Test " + storeId, Currency, "Europe/Berlin",
            [new TaxRateSpec("standard", 2000, true), new TaxRateSpec("reduced", 700, true)],
            ["R1", "R2"],
            [new EmployeeSpec("cashier", "Cash", EmployeeRole.Cashier, PinHasher.Hash("1234")),
             new EmployeeSpec("boss", "Boss", EmployeeRole.Supervisor, PinHasher.Hash("9999"))],
            promotions, new LoyaltyRuleSpec(1, 1, 50_000, 200_000), 1000, 0));
        return storeId;
    }

    /// <summary>Adds products (price in cents, standard tax) and receives <paramref name="stock"/> of each at the store.</summary>
    public async Task AddProductsAsync(string storeId, long stock, params (string Sku, long Price)[] products)
    {
        await Grains.GetGrain<ICatalogGrain>(GrainKeys.Catalog).UpsertAsync(
            "op-" + Guid.NewGuid().ToString("N"),
            [.. products.Select(p => new ProductInfo(p.Sku, "Product " + p.Sku, [], p.Price, Currency, "standard", "general", true, 0))]);
        foreach (var (sku, _) in products)
        {
            await Grains.GetGrain<ISkuStockGrain>(GrainKeys.Stock(storeId, sku))
                .ApplyOperationAsync(new StockOperation("rcv-" + Guid.NewGuid().ToString("N"), StockOperationKind.Receive, stock, "test"));
        }
    }

    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
