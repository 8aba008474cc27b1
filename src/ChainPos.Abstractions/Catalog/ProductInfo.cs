namespace ChainPos.Abstractions.Catalog;

/// <summary>A product as the catalogue holds it. <see cref="Version"/> is the catalogue version of its last change.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.ProductInfo")]
public sealed record ProductInfo(
    string Sku,
    string Name,
    IReadOnlyList<string> Barcodes,
    long Price,
    string Currency,
    string TaxClass,
    string Category,
    bool Active,
    long Version);

/// <summary>A page of catalogue changes after a cursor (version, sku), oldest first.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.CatalogPage")]
public sealed record CatalogPage(IReadOnlyList<ProductInfo> Products, bool HasMore);
