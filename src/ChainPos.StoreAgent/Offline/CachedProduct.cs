namespace ChainPos.StoreAgent.Offline;

/// <summary>A product as the agent's catalogue copy holds it; one <see cref="SoldByWeight"/> has its price per kilogram.</summary>
internal sealed record CachedProduct(
    string Sku, string Name, long Price, string Currency, string TaxClass, string Category, bool Active, IReadOnlyList<string> Barcodes, bool SoldByWeight = false);
