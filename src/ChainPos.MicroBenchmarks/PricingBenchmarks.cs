using BenchmarkDotNet.Attributes;
using ChainPos.Domain;

namespace ChainPos.MicroBenchmarks;

/// <summary>
/// <see cref="PricingEngine.Price"/> on a basket like the chain-day mix's: lines from two tax classes, a category
/// promotion on some of them and a multi-buy on one SKU. The register prices every sale once, in its turn.
/// </summary>
[MemoryDiagnoser]
public class PricingBenchmarks
{
    private static readonly Dictionary<string, TaxRate> TaxRates = new(StringComparer.Ordinal)
    {
        ["standard"] = new TaxRate("standard", 2000, Inclusive: true),
        ["reduced"] = new TaxRate("reduced", 500, Inclusive: true),
    };

    private static readonly Promotion[] Promotions =
    [
        new CategoryPercentOff("P-FRESH", "10% off fresh", "fresh", 1000),
        new MultiBuy("P-3FOR2", "3 for 2 on cola", "SKU-00002", 3, 398),
    ];

    private BasketInput _basket = new([]);

    /// <summary>Lines per basket: 1, the mix's mean of 4, and its maximum of 10.</summary>
    [Params(1, 4, 10)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup() => _basket = new BasketInput(
        [.. Enumerable.Range(1, Lines).Select(n => new PriceLineInput(
            n,
            $"SKU-{n:D5}",
            n % 3 == 0 ? "fresh" : "grocery",
            n % 2 == 0 ? "reduced" : "standard",
            n == 2 ? 3 : 1,
            UnitPrice: 199 + (n * 37)))]);

    [Benchmark]
    public PricedBasket Price() => PricingEngine.Price(_basket, TaxRates, Promotions);
}
