using ChainPos.Api.V1;

namespace ChainPos.Gateway.Tests;

/// <summary>The chain the fixture sets up through the API.</summary>
internal static class TestData
{
    public const string AdminSecret = "admin-secret-0123456789";
    public const string S1Secret = "s1-secret-0123456789";
    public const string S2Secret = "s2-secret-0123456789";
    public const string CommerceSecret = "commerce-secret-0123456789";

    public const string S1 = "S1";
    public const string S2 = "S2";
    public const string Currency = "EUR";
    public const string Cashier = "E1";
    public const string CashierPin = "1234";
    public const string Supervisor = "SUP";
    public const string SupervisorPin = "9999";
    public const string Coupon = "SAVE5";

    public const string Customer = "CUST-1";
    public const string GiftCard = "6000 1234 5678 9012";
    public const long GiftCardInitial = 5000;

    /// <summary>Stock received at S1 for every stocked product.</summary>
    public const long InitialStock = 100;

    public static readonly string[] S1Registers = ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11"];

    public static IReadOnlyList<Product> Products { get; } =
    [
        Product("TEE", "T-shirt", 1999, "standard", "apparel", "4006381333931"),
        Product("MUG", "Mug", 899, "standard", "home"),
        Product("APPLE", "Apples 1 kg", 349, "reduced", "food", "96385074"),
        Product("BREAD", "Bread", 259, "reduced", "food"),
        Product("SOCKS", "Socks", 599, "standard", "apparel"),
        Product("CAP", "Cap", 1250, "standard", "apparel"),
        Product("PEN", "Pen", 150, "standard", "office"),
        Product("NOTE", "Notebook", 450, "standard", "office"),
        .. Enumerable.Range(1, 11).Select(n => Product($"P{n:D2}", $"Item {n}", n * 100, "standard", "misc")),
        Product("OLD", "Discontinued", 500, "standard", "misc", active: false),
    ];

    public static Product Product(string sku, string name, long price, string taxClass, string category, string? barcode = null, bool active = true) => new()
    {
        Sku = sku,
        Name = name,
        Price = price,
        Currency = Currency,
        TaxClass = taxClass,
        Category = category,
        Active = active,
        Barcodes = { barcode is null ? [] : new[] { barcode } },
    };

    public static StoreConfig Store(string storeId, IEnumerable<string> registers) => new()
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
            new PromotionConfig { PromotionId = "CPN-5", Name = "5.00 off 20.00", CouponAmountOff = new CouponAmountOff { CouponCode = Coupon, Amount = 500, MinimumBasket = 2000 } },
        },
        Loyalty = new LoyaltyRuleConfig { PointsPerMajorUnit = 10, MinorPerPoint = 1, SilverSpend = 50_000, GoldSpend = 200_000 },
        CashierDiscountLimitBasisPoints = 1000,
        WeightLabelPrefixes = { "22", "23" },
    };
}
