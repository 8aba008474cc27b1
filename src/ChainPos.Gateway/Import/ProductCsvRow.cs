using System.Globalization;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Domain;

namespace ChainPos.Gateway.Import;

/// <summary>
/// One data row of a product CSV to a product, checked with the catalogue's own rules so that a file
/// that passes here is accepted by the catalogue as a whole. Errors name the row's line.
/// </summary>
public static class ProductCsvRow
{
    public const long MaxPrice = 100_000_000;
    public const int MaxNameLength = 200;
    public const int MaxCategoryLength = 64;
    public const int MaxBarcodes = 20;

    public static ProductInfo Parse(ProductCsvHeader header, CsvRecord row)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(row);
        var line = row.Line;
        Check(row.Fields.Count == header.Width, line,
            $"expected {header.Width} fields but found {row.Fields.Count}; put fields that contain commas in double quotes.");

        var sku = header.Get(row, ProductCsvHeader.Sku);
        Check(Ids.IsValid(sku), line, $"sku must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (got '{Clip(sku)}').");
        var name = header.Get(row, ProductCsvHeader.Name);
        Check(name.Length is > 0 and <= MaxNameLength, line, $"name is required (at most {MaxNameLength} characters).");
        var priceText = header.Get(row, ProductCsvHeader.Price);
        Check(long.TryParse(priceText, NumberStyles.None, CultureInfo.InvariantCulture, out var price) && price <= MaxPrice, line,
            $"price must be a whole number of minor units 0..{MaxPrice}, e.g. 1299 for 12.99 (got '{Clip(priceText)}').");
        var currency = header.Get(row, ProductCsvHeader.Currency);
        Check(Currencies.IsKnown(currency), line, $"currency must be an ISO 4217 code in upper case such as EUR (got '{Clip(currency)}').");
        var taxClass = header.Get(row, ProductCsvHeader.TaxClass);
        Check(Ids.IsValid(taxClass), line, $"tax_class must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (got '{Clip(taxClass)}').");
        var category = header.Get(row, ProductCsvHeader.Category);
        Check(category.Length is > 0 and <= MaxCategoryLength, line, $"category is required (at most {MaxCategoryLength} characters).");
        var barcodes = header.Get(row, ProductCsvHeader.Barcodes).Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Check(barcodes.Length <= MaxBarcodes, line, $"at most {MaxBarcodes} barcodes (got {barcodes.Length}).");
        foreach (var barcode in barcodes)
        {
            Check(Barcodes.IsValid(barcode), line, $"barcode '{Clip(barcode)}' is not a valid EAN-13, UPC-A or EAN-8 (check digit).");
        }

        var supplierId = header.Get(row, ProductCsvHeader.SupplierId);
        Check(supplierId.Length == 0 || Ids.IsValid(supplierId), line,
            $"supplier_id must be empty or 1-64 characters of letters, digits, '.', '_', ':' or '-' (got '{Clip(supplierId)}').");
        var supplierName = header.Get(row, ProductCsvHeader.SupplierName);
        Check((supplierId.Length == 0) == (supplierName.Length == 0) && supplierName.Length <= MaxNameLength, line,
            $"supplier_id and supplier_name go together: both set or both empty (a name of at most {MaxNameLength} characters).");
        var costText = header.Get(row, ProductCsvHeader.UnitCost);
        var cost = 0L;
        Check(costText.Length == 0 || (long.TryParse(costText, NumberStyles.None, CultureInfo.InvariantCulture, out cost) && cost <= MaxPrice), line,
            $"unit_cost must be empty or a whole number of minor units 0..{MaxPrice} (got '{Clip(costText)}').");

        return new ProductInfo(sku, name, barcodes, price, currency, taxClass, category, ParseActive(header.Get(row, ProductCsvHeader.Active), line), 0,
            supplierId, supplierName, cost, ParseUnit(header.Get(row, ProductCsvHeader.Unit), line));
    }

    /// <summary>Sold by weight ("kg") or by the unit ("each", or the column left out or empty).</summary>
    private static bool ParseUnit(string value, int line) => value.ToLowerInvariant() switch
    {
        "" or "each" => false,
        "kg" => true,
        _ => throw Invalid(line, $"unit must be each or kg (got '{Clip(value)}')."),
    };

    private static bool ParseActive(string value, int line) => value.ToLowerInvariant() switch
    {
        "" or "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw Invalid(line, $"active must be true or false (got '{Clip(value)}')."),
    };

    private static void Check(bool condition, int line, string problem)
    {
        if (!condition)
        {
            throw Invalid(line, problem);
        }
    }

    internal static PosException Invalid(int line, string problem) =>
        PosException.Invalid($"Line {line}: {problem} Nothing was imported; fix the row and send the file again.");

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
