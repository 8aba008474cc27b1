using ChainPos.Api.V1;

namespace ChainPos.Observability.Tests;

/// <summary>The chain the fixture sets up through the API: one store per test, so store-labelled series are the test's own.</summary>
internal static class Chain
{
    public const string AdminSecret = "obs-admin-secret-0123456789";
    public const string Currency = "EUR";
    public const string Cashier = "E1";
    public const string CashierPin = "1234";
    public const string Customer = "OBS-CUST";
    public const string GiftCard = "6000 9999 0000 0001";

    /// <summary>Stores: one for each test that rings sales.</summary>
    public static readonly string[] Stores = ["OBS-SCRAPE", "OBS-PROM", "OBS-TRACE", "OBS-CARD", "OBS-UNSAMPLED"];

    public static IReadOnlyList<Product> Products { get; } =
    [
        Product("MUG", 899),
        Product("PEN", 150),
        Product("TEE", 1999),
    ];

    public static StoreConfig Store(string storeId) => new()
    {
        StoreId = storeId,
        Name = "Store " + storeId,
        Currency = Currency,
        TimeZone = "Europe/Berlin",
        TaxRates = { new TaxRateConfig { TaxClass = "standard", RateBasisPoints = 2000, Inclusive = true } },
        RegisterIds = { "R1", "R2" },
        Employees = { new Employee { EmployeeId = Cashier, Name = "Cara", Role = EmployeeRole.Cashier, Pin = CashierPin } },
        Loyalty = new LoyaltyRuleConfig { PointsPerMajorUnit = 10, MinorPerPoint = 1, SilverSpend = 50_000, GoldSpend = 200_000 },
        CashierDiscountLimitBasisPoints = 1000,
    };

    public static SaleLine Line(string sku, int quantity) => new() { Sku = sku, Quantity = quantity };

    public static Tender Cash(long amount) => new() { Type = TenderType.Cash, Amount = amount };

    public static Tender Card(long amount) => new() { Type = TenderType.Card, Amount = amount, CardToken = "tok_obs", CardBrand = "VISA", CardLast4 = "4242" };

    public static Tender GiftCardTender(long amount) => new() { Type = TenderType.GiftCard, Amount = amount, GiftCardCode = GiftCard };

    public static CompleteSaleRequest Sale(string storeId, string saleId, IEnumerable<SaleLine> lines, IEnumerable<Tender> tenders) => new()
    {
        StoreId = storeId,
        RegisterId = "R1",
        SaleId = saleId,
        Currency = Currency,
        Lines = { lines },
        Tenders = { tenders },
    };

    /// <summary>On a node of a test's own: the store, the chain's products, and a shift open on register R1.</summary>
    public static async Task OpenStoreAsync(Api admin, string storeId)
    {
        await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(storeId) });
        await admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = $"{storeId}-catalogue", Products = { Products } });
        await admin.Checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = storeId, RegisterId = "R1", ShiftId = "shift-" + storeId, CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = 10_000,
        });
    }

    private static Product Product(string sku, long price) => new()
    {
        Sku = sku, Name = sku, Price = price, Currency = Currency, TaxClass = "standard", Category = "misc", Active = true,
    };
}
