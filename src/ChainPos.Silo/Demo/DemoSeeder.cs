using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Stock;
using ChainPos.Abstractions.Stores;
using ChainPos.Domain;
using ChainPos.Silo.Hosting;
using ChainPos.Storage;
using Microsoft.Extensions.Options;

namespace ChainPos.Silo.Demo;

/// <summary>
/// Seeds the demo chain once (skipped when store S001 exists), with a progress bar, then prints
/// where to look. Runs after the silo has started (it is registered after Orleans).
/// </summary>
internal sealed partial class DemoSeeder(
    IGrainFactory grains,
    IOptions<ChainPosStorageOptions> storage,
    IOptions<NodeOptions> node,
    IServiceProvider services,
    ILogger<DemoSeeder> logger) : IHostedService
{
    private const int Parallelism = 64;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await grains.Grain<IStoreGrain>(GrainKeys.Store(DemoChain.Stores[0].StoreId)).GetAsync() is null)
        {
            await SeedAsync(cancellationToken);
        }
        else
        {
            LogAlreadySeeded(logger);
        }

        var app = services.GetRequiredService<IHostApplicationLifetime>();
        app.ApplicationStarted.Register(PrintBanner);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var employees = DemoChain.Employees.Select(e => new EmployeeSpec(e.Id, e.Name, e.Role, PinHasher.Hash(e.Pin))).ToList();
        foreach (var (storeId, name) in DemoChain.Stores)
        {
            await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).ConfigureAsync(DemoChain.Settings(storeId, name, employees));
        }

        var products = DemoChain.Products().ToList();
        using (var bar = new ProgressBar("catalogue", products.Count))
        {
            foreach (var batch in products.Chunk(500))
            {
                await grains.Grain<ICatalogGrain>(GrainKeys.Catalog).UpsertAsync($"demo-catalog-{batch[0].Sku}", batch);
                bar.Advance(batch.Length);
            }
        }

        var stock = DemoChain.Stores.SelectMany(s => products.Select(p => (s.StoreId, p.Sku))).ToList();
        using (var bar = new ProgressBar("stock", stock.Count))
        {
            await Parallel.ForEachAsync(stock, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (item, _) =>
            {
                var grain = grains.Grain<ISkuStockGrain>(GrainKeys.Stock(item.StoreId, item.Sku));
                await grain.ApplyOperationAsync(new StockOperation($"demo-receive-{item.StoreId}-{item.Sku}", StockOperationKind.Receive, DemoChain.InitialStock, "demo opening stock"));
                bar.Advance(1);
            });
        }

        using (var bar = new ProgressBar("customers", DemoChain.CustomerCount))
        {
            await Parallel.ForEachAsync(Enumerable.Range(1, DemoChain.CustomerCount), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (i, _) =>
            {
                var store = DemoChain.Stores[i % DemoChain.Stores.Count].StoreId;
                await grains.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(DemoChain.CustomerId(i))).EnrolAsync($"Customer {i}", null, store);
                bar.Advance(1);
            });
        }

        using (var bar = new ProgressBar("gift cards", DemoChain.GiftCardCount))
        {
            for (var i = 1; i <= DemoChain.GiftCardCount; i++)
            {
                var code = DemoChain.GiftCardCode(i);
                await grains.Grain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)))
                    .LoadAsync($"demo-issue-{i}", DemoChain.GiftCardValue, DemoChain.Currency, GiftCardCodes.Mask(code));
                bar.Advance(1);
            }
        }

        LogSeeded(logger, DemoChain.Stores.Count, products.Count, DemoChain.CustomerCount, DemoChain.GiftCardCount, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
    }

    private void PrintBanner()
    {
        var credentials = DemoCredentials.LoadOrCreate(storage.Value);
        var n = node.Value;
        var host = n.ListenAddress;
        Console.WriteLine($"""

            ChainPos demo chain is running.
              gRPC (h2c)   http://{host}:{n.GrpcPort}   services: chainpos.v1.CheckoutService, CatalogService, StockService, LoyaltyService, GiftCardService, StoreAdminService, ReportsService
              health       http://{host}:{n.HttpPort}/healthz
              back office  http://{host}:{n.HttpPort}/backoffice/   (sign in with the admin credential)
              data         {SchemaMigrationService.Describe(storage.Value)}
              credentials  {DemoCredentials.PathFor(storage.Value)}
                admin         Bearer {credentials.Admin}
                web shop      Bearer {credentials.Commerce}
            {string.Join(Environment.NewLine, credentials.Stores.Select(s => $"    store {s.Key}    Bearer {s.Value}"))}
              stores {string.Join(", ", DemoChain.Stores.Select(s => $"{s.StoreId} ({s.Name})"))}; registers {string.Join(", ", DemoChain.Registers)}
              employees     {string.Join(", ", DemoChain.Employees.Select(e => $"{e.Id} {e.Role} PIN {e.Pin}"))}
              products      {DemoChain.Sku(1)} .. {DemoChain.Sku(DemoChain.ProductCount)}; customers {DemoChain.CustomerId(1)} .. {DemoChain.CustomerId(DemoChain.CustomerCount)}
              gift cards    {DemoChain.GiftCardCode(1)} .. {DemoChain.GiftCardCode(DemoChain.GiftCardCount)} ({Currencies.Format(DemoChain.GiftCardValue, DemoChain.Currency)} each)
            Try a sale (in another terminal): dotnet run --project src/ChainPos.LoadGen -- sale. Stop with Ctrl+C.

            """);
    }

    [LoggerMessage(LogLevel.Information, "Demo chain already seeded; keeping its data")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Seeded {Stores} stores, {Products} products with stock, {Customers} customers, {GiftCards} gift cards in {Seconds:F1} s")]
    private static partial void LogSeeded(ILogger logger, int stores, int products, int customers, int giftCards, double seconds);
}
