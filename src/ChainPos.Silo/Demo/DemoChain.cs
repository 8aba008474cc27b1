using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Stores;

namespace ChainPos.Silo.Demo;

/// <summary>The demo chain: three stores, a few thousand products, customers and gift cards — made up, deterministic.</summary>
public static class DemoChain
{
    public const string Currency = "EUR";
    public const int ProductCount = 3000;
    public const int CustomerCount = 200;
    public const int GiftCardCount = 50;
    public const long GiftCardValue = 50_00;
    public const long InitialStock = 40;

    public static IReadOnlyList<(string StoreId, string Name)> Stores { get; } =
        [("S001", "Berlin Mitte"), ("S002", "Hamburg Altona"), ("S003", "München Schwabing")];

    public static IReadOnlyList<string> Registers { get; } = ["R1", "R2", "R3"];

    public static IReadOnlyList<(string Id, string Name, EmployeeRole Role, string Pin)> Employees { get; } =
        [("E100", "Casey Cashier", EmployeeRole.Cashier, "1111"), ("E200", "Sam Supervisor", EmployeeRole.Supervisor, "2222"), ("E300", "Morgan Manager", EmployeeRole.Manager, "3333")];

    private static readonly (string Category, string TaxClass, string[] Nouns)[] Categories =
    [
        ("grocery", "reduced", ["Oat Flakes", "Pasta", "Basmati Rice", "Tomato Sauce", "Honey", "Coffee Beans", "Dark Chocolate", "Crispbread"]),
        ("drinks", "standard", ["Sparkling Water", "Apple Juice", "Lemonade", "Iced Tea", "Cola", "Ginger Ale"]),
        ("household", "standard", ["Dish Soap", "Sponge Set", "Paper Towels", "Laundry Gel", "Trash Bags", "Glass Cleaner"]),
        ("garden", "standard", ["Plant Pot", "Seed Mix", "Garden Gloves", "Watering Can", "Potting Soil"]),
        ("toys", "standard", ["Puzzle", "Building Blocks", "Plush Bear", "Card Game", "Kite"]),
        ("stationery", "standard", ["Notebook", "Gel Pens", "Sticky Notes", "Highlighters", "Folder"]),
        ("electronics", "standard", ["USB Cable", "Power Bank", "Earbuds", "AA Batteries", "Desk Lamp"]),
    ];

    private static readonly string[] Adjectives = ["Classic", "Organic", "Family", "Mini", "Premium", "Eco", "Value", "Deluxe", "Travel", "Everyday"];

    public static string Sku(int i) => $"SKU-{i:D5}";

    public static string CustomerId(int i) => $"C{i:D5}";

    /// <summary>Demo gift card codes: 16 digits, "6000 0000 000" + 5-digit number.</summary>
    public static string GiftCardCode(int i) => $"60000000000{i:D5}";

    public static IEnumerable<ProductInfo> Products()
    {
        for (var i = 1; i <= ProductCount; i++)
        {
            var (category, taxClass, nouns) = Categories[i % Categories.Length];
            var name = $"{Adjectives[i / Categories.Length % Adjectives.Length]} {nouns[i / 7 % nouns.Length]} #{i}";
            var price = 49 + (i * 7919 % 19_950);
            var data = "400" + i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            yield return new ProductInfo(Sku(i), name, [data + Domain.Barcodes.CheckDigit(data)], price, Currency, taxClass, category, true, 0);
        }
    }

    public static StoreSettings Settings(string storeId, string name, IReadOnlyList<EmployeeSpec> employees) => new(
        storeId, name, Currency, "Europe/Berlin",
        [new TaxRateSpec("standard", 1900, true), new TaxRateSpec("reduced", 700, true)],
        Registers, employees,
        [
            new PromotionSpec("P-MULTI", "3 for 2.00 on Sparkling Water #1", PromotionKind.MultiBuy, Sku: Sku(1), BuyQuantity: 3, BundlePrice: 200),
            new PromotionSpec("P-GARDEN", "10% off garden", PromotionKind.CategoryPercentOff, Category: "garden", PercentBasisPoints: 1000),
            new PromotionSpec("P-WELCOME", "5.00 off 25.00 with WELCOME5", PromotionKind.CouponAmountOff, CouponCode: "WELCOME5", Amount: 500, MinimumBasket: 2500),
        ],
        new LoyaltyRuleSpec(1, 1, 50_000, 200_000),
        1000,
        0);
}
