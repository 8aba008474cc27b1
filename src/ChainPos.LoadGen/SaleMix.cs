namespace ChainPos.LoadGen;

/// <summary>
/// The sales every scenario rings, so ChainPos and the baseline see the same work: 1-7 distinct SKUs
/// drawn uniformly from the demo catalogue's 3,000, quantity 1-2, paid in cash.
/// </summary>
internal sealed class SaleMix(int seed)
{
    public const int CatalogSize = 3000;
    private readonly Random _random = new(seed);

    public IReadOnlyList<(string Sku, int Quantity)> NextLines()
    {
        var count = _random.Next(1, 8);
        var skus = new HashSet<int>();
        while (skus.Count < count)
        {
            skus.Add(_random.Next(1, CatalogSize + 1));
        }

        return [.. skus.Select(s => (Sku(s), _random.Next(1, 3)))];
    }

    public static string Sku(int i) => $"SKU-{i:D5}";
}
