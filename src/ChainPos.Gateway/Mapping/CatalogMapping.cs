using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Products between the API and the catalogue grains.</summary>
internal static class CatalogMapping
{
    /// <summary>The version a client sends is ignored: the catalogue assigns it.</summary>
    public static ProductInfo ToGrain(this V1.Product product) => new(
        product.Sku,
        product.Name,
        [.. product.Barcodes],
        product.Price,
        product.Currency,
        product.TaxClass,
        product.Category,
        product.Active,
        0,
        product.SupplierId,
        product.SupplierName,
        product.UnitCost,
        product.UnitOfMeasure switch
        {
            V1.UnitOfMeasure.Each => false,
            V1.UnitOfMeasure.Kilogram => true,
            _ => throw PosException.Invalid($"Product '{product.Sku}': unit_of_measure must be EACH or KILOGRAM."),
        });

    public static V1.Product ToProto(this ProductInfo product) => new()
    {
        Sku = product.Sku,
        Name = product.Name,
        Barcodes = { product.Barcodes },
        Price = product.Price,
        Currency = product.Currency,
        TaxClass = product.TaxClass,
        Category = product.Category,
        Active = product.Active,
        Version = product.Version,
        SupplierId = product.SupplierId,
        SupplierName = product.SupplierName,
        UnitCost = product.UnitCost,
        UnitOfMeasure = product.SoldByWeight ? V1.UnitOfMeasure.Kilogram : V1.UnitOfMeasure.Each,
    };
}
