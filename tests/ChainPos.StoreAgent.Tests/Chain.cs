using ChainPos.Api.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace ChainPos.StoreAgent.Tests;

/// <summary>The chain the tests set up through the public API, and clients that call with one credential.</summary>
internal static class Chain
{
    public const string AdminSecret = "agent-tests-admin-0123456789";
    public const string StoreSecret = "agent-tests-store-0123456789";
    public const string OtherStoreSecret = "agent-tests-other-0123456789";
    public const string ReturnsStoreSecret = "agent-tests-returns-0123456789";
    public const string Store = "S1";
    public const string OtherStore = "S2";
    /// <summary>A store of its own for the offline return API tests (configured there), with its own agent credential.</summary>
    public const string ReturnsStore = "S4";
    public const string Currency = "EUR";
    public const string Cashier = "E1";
    public const string CashierPin = "1234";
    public const string Supervisor = "E9";
    public const string SupervisorPin = "9876";
    public const string Customer = "CUST-1";
    public const string GiftCard = "6000 1234 5678 9012";
    public const long InitialStock = 100;

    public static IReadOnlyList<Product> Products { get; } =
    [
        Product("TEE", "T-shirt", 1999, "standard", "4006381333931"),
        Product("MUG", "Mug", 899, "standard"),
        Product("APPLE", "Apples 1 kg", 349, "reduced", "96385074"),
        Product("PEN", "Pen", 150, "standard"),
    ];

    public static Product Product(string sku, string name, long price, string taxClass, string? barcode = null) => new()
    {
        Sku = sku, Name = name, Price = price, Currency = Currency, TaxClass = taxClass, Category = "misc", Active = true,
        Barcodes = { barcode is null ? [] : new[] { barcode } },
    };

    public static StoreConfig StoreConfig(string storeId, IEnumerable<string> registers) => new()
    {
        StoreId = storeId,
        Name = "Store " + storeId,
        Currency = Currency,
        TimeZone = "Europe/Berlin",
        TaxRates =
        {
            new TaxRateConfig { TaxClass = "standard", RateBasisPoints = 2000, Inclusive = true },
            new TaxRateConfig { TaxClass = "reduced", RateBasisPoints = 700, Inclusive = true },
        },
        RegisterIds = { registers },
        Employees =
        {
            new Employee { EmployeeId = Cashier, Name = "Cara Cashier", Role = EmployeeRole.Cashier, Pin = CashierPin },
            new Employee { EmployeeId = Supervisor, Name = "Sam Supervisor", Role = EmployeeRole.Supervisor, Pin = SupervisorPin },
        },
        Promotions =
        {
            new PromotionConfig { PromotionId = "MB-APPLE", Name = "3 apples for 9.00", MultiBuy = new MultiBuy { Sku = "APPLE", BuyQuantity = 3, BundlePrice = 900 } },
        },
        Loyalty = new LoyaltyRuleConfig { PointsPerMajorUnit = 10, MinorPerPoint = 1, SilverSpend = 50_000, GoldSpend = 200_000 },
        CashierDiscountLimitBasisPoints = 1000,
    };

    /// <summary>Stores S1 (with <paramref name="registers"/>) and S2, the catalogue, stock at S1, a customer and a gift card.</summary>
    public static async Task SeedAsync(Clients admin, IEnumerable<string> registers)
    {
        await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = StoreConfig(Store, registers) });
        await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = StoreConfig(OtherStore, ["R1"]) });
        await admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "seed-catalogue", Products = { Products } });
        foreach (var product in Products)
        {
            await admin.Stock.ReceiveStockAsync(new StockOperationRequest
            {
                LocationId = Store, Sku = product.Sku, OperationId = "seed-" + product.Sku, Quantity = InitialStock, Reason = "opening stock",
            });
        }

        await admin.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = Customer, DisplayName = "Ada", StoreId = Store });
        await admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = GiftCard, OperationId = "seed-gift-card", Amount = 5000, Currency = Currency });
    }

    public static async Task<Dictionary<string, long>> StockAsync(Clients clients) =>
        (await clients.Stock.GetStockAsync(new GetStockRequest { LocationId = Store, Skus = { Products.Select(p => p.Sku) } }))
            .Levels.ToDictionary(l => l.Sku, l => l.OnHand);
}

/// <summary>Every service's client used here, calling with one credential.</summary>
internal sealed class Clients(GrpcChannel channel, string secret)
{
    private readonly CallInvoker _invoker = channel.Intercept(headers =>
    {
        headers.Add("authorization", "Bearer " + secret);
        return headers;
    });

    public CheckoutService.CheckoutServiceClient Checkout => new(_invoker);

    public StoreAgentSyncService.StoreAgentSyncServiceClient Sync => new(_invoker);

    public CatalogService.CatalogServiceClient Catalog => new(_invoker);

    public StockService.StockServiceClient Stock => new(_invoker);

    public LoyaltyService.LoyaltyServiceClient Loyalty => new(_invoker);

    public GiftCardService.GiftCardServiceClient GiftCards => new(_invoker);

    public StoreAdminService.StoreAdminServiceClient Stores => new(_invoker);

    public ReportsService.ReportsServiceClient Reports => new(_invoker);
}
