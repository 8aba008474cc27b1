using ChainPos.Abstractions.Catalog;

namespace ChainPos.Grains.Catalog;

internal static class ProductValidator
{
    public const long MaxPrice = 100_000_000;

    public static void Validate(ProductInfo p)
    {
        Ids.Require(p.Sku, "sku");
        Check(!string.IsNullOrWhiteSpace(p.Name) && p.Name.Length <= 200, $"Product '{p.Sku}': name is required (at most 200 characters).");
        Check(p.Price is >= 0 and <= MaxPrice, $"Product '{p.Sku}': price must be 0..{MaxPrice} minor units (got {p.Price}).");
        Currencies.Require(p.Currency);
        Ids.Require(p.TaxClass, "tax_class");
        Check(!string.IsNullOrWhiteSpace(p.Category) && p.Category.Length <= 64, $"Product '{p.Sku}': category is required (at most 64 characters).");
        if (p.SupplierId.Length > 0)
        {
            Ids.Require(p.SupplierId, "supplier_id");
        }

        Check(p.SupplierName.Length <= 200 && (p.SupplierId.Length == 0) == (p.SupplierName.Length == 0) && p.SupplierName.Trim() == p.SupplierName,
            $"Product '{p.Sku}': supplier_id and supplier_name go together (both set or both empty; a name of at most 200 characters, not padded).");
        Check(p.UnitCost is >= 0 and <= MaxPrice, $"Product '{p.Sku}': unit_cost must be 0..{MaxPrice} minor units, 0 meaning unknown (got {p.UnitCost}).");
        Check(p.Barcodes.Count <= 20, $"Product '{p.Sku}': at most 20 barcodes.");
        foreach (var barcode in p.Barcodes)
        {
            Check(Barcodes.IsValid(barcode), $"Product '{p.Sku}': barcode '{barcode}' is not a valid EAN-13, UPC-A or EAN-8 (check digit).");
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw PosException.Invalid(message);
        }
    }
}
