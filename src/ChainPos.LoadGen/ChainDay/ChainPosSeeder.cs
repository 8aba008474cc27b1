using ChainPos.Api.V1;
using Grpc.Core;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>
/// Seeds a chain-day data set through the admin API with progress bars. Every call is idempotent by an id
/// derived from the plan's sizes, so a re-run replays instead of adding stock or balance a second time.
/// </summary>
internal sealed class ChainPosSeeder(CallInvoker admin)
{
    private const int Parallelism = 32;
    private readonly StoreAdminService.StoreAdminServiceClient _stores = new(admin);
    private readonly CatalogService.CatalogServiceClient _catalog = new(admin);
    private readonly StockService.StockServiceClient _stock = new(admin);
    private readonly LoyaltyService.LoyaltyServiceClient _loyalty = new(admin);
    private readonly GiftCardService.GiftCardServiceClient _gifts = new(admin);

    public async Task SeedAsync(ChainDayPlan plan)
    {
        await SeedProgress.ForEachAsync("stores", plan.AllStores.ToList(), Parallelism, store => _stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = StoreConfigFor(plan, store) }).ResponseAsync);
        await UpsertCatalogAsync(plan, plan.Skus, 1, "catalogue");
        var stock = plan.AllStores.SelectMany(s => plan.AllSkus.Select(sku => (Store: s, Sku: sku))).ToList();
        await SeedProgress.ForEachAsync("stock", stock, Parallelism, k => _stock.ReceiveStockAsync(new StockOperationRequest
        {
            LocationId = k.Store, Sku = k.Sku, Quantity = plan.InitialStock, OperationId = $"cd-stock-{plan.InitialStock}-{k.Store}-{k.Sku}", Reason = "chain-day seed",
        }).ResponseAsync);
        await SeedProgress.ForEachAsync("loyalty accounts", plan.AllCustomers.ToList(), Parallelism, id =>
            _loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = id, DisplayName = "Load " + id, StoreId = plan.Store(1) }).ResponseAsync);
        await SeedProgress.ForEachAsync("gift cards", plan.AllGiftCards.ToList(), Parallelism, code => _gifts.IssueGiftCardAsync(new IssueGiftCardRequest
        {
            Code = code, OperationId = "cd-gift-" + code, Amount = ChainDayPlan.GiftCardBalance, Currency = ChainDayPlan.Currency,
        }).ResponseAsync);
    }

    /// <summary>Upserts SKUs 1..<paramref name="count"/> of the plan's catalogue in pages of 5,000.</summary>
    public async Task UpsertCatalogAsync(ChainDayPlan plan, int count, int firstRank, string label)
    {
        var pages = Enumerable.Range(firstRank, count).Chunk(5000).ToList();
        var bar = new SeedProgress(label, count);
        foreach (var page in pages)
        {
            var request = new UpsertProductsRequest { OperationId = $"cd-catalog-{plan.Skus}-{page[0]}-{page.Length}" };
            request.Products.AddRange(page.Select(rank => new Product
            {
                Sku = plan.Sku(rank), Name = $"Chain-day item {rank}", Price = ChainDayPlan.Price(rank), Currency = ChainDayPlan.Currency,
                TaxClass = "standard", Category = "chainday", Active = true,
            }));
            await _catalog.UpsertProductsAsync(request);
            bar.Advance(page.Length);
        }
    }

    public static StoreConfig StoreConfigFor(ChainDayPlan plan, string store)
    {
        var config = new StoreConfig
        {
            StoreId = store, Name = "Chain-day " + store, Currency = ChainDayPlan.Currency, TimeZone = "Europe/Berlin",
            TaxRates = { new TaxRateConfig { TaxClass = "standard", RateBasisPoints = ChainDayPlan.TaxBasisPoints, Inclusive = true } },
            Employees = { new Employee { EmployeeId = "L1", Name = "Load", Role = EmployeeRole.Cashier, Pin = "4321" } },
            Loyalty = new LoyaltyRuleConfig { PointsPerMajorUnit = 1, MinorPerPoint = 1, SilverSpend = 50_000, GoldSpend = 200_000 },
            CashierDiscountLimitBasisPoints = 1000,
        };
        config.RegisterIds.AddRange(Enumerable.Range(1, plan.Registers).Select(ChainDayPlan.Register));
        return config;
    }
}
