namespace ChainPos.Abstractions.Catalog;

/// <summary>
/// A product as the catalogue holds it. <see cref="Version"/> is the catalogue version of its last change.
/// <see cref="SupplierId"/> and <see cref="SupplierName"/> are empty when no supplier is assigned; <see cref="UnitCost"/>
/// is the purchase price per unit in minor units of <see cref="Currency"/>, 0 when not known. A product
/// <see cref="SoldByWeight"/> has its <see cref="Price"/> and <see cref="UnitCost"/> per kilogram and its stock counted in grams.
/// </summary>
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
    long Version,
    string SupplierId = "",
    string SupplierName = "",
    long UnitCost = 0,
    bool SoldByWeight = false);

/// <summary>A page of catalogue changes after a cursor (version, sku), oldest first.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.CatalogPage")]
public sealed record CatalogPage(IReadOnlyList<ProductInfo> Products, bool HasMore);
