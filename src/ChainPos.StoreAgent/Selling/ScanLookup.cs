using ChainPos.Domain;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Hardware.Scanning;
using ChainPos.StoreAgent.Offline;

namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// A scanned product; <see cref="Barcode"/> is set for a scale label, with <see cref="EmbeddedPrice"/> for a price label or
/// <see cref="WeightGrams"/> for a weight label. <see cref="SoldByWeight"/> products have their <see cref="Price"/> per kilogram.
/// </summary>
internal sealed record ScannedProduct(
    string Sku, string Name, long Price, string Currency, string TaxClass, string Category, bool Active, IReadOnlyList<string> Barcodes,
    long? EmbeddedPrice = null, string? Barcode = null, bool SoldByWeight = false, int? WeightGrams = null);

/// <summary>
/// What a scan at the register is: a catalogue barcode or SKU as typed, a UPC-A (looked up as its GTIN-13), or a price-embedded
/// EAN-13 (GS1 prefix 2, a scale label) whose item code is listed on a product as its price-embedded code with any price. The
/// store's weight_label_prefixes tell weight labels (grams) from price labels.
/// </summary>
internal static class ScanLookup
{
    public static ScannedProduct Resolve(CatalogCache catalog, string raw)
    {
        var typed = raw.Trim();
        if (catalog.FindByCode(typed) is { } exact)
        {
            return Sellable(exact, typed);
        }

        var scan = BarcodeParser.Parse(typed);
        switch (scan.Kind)
        {
            case ScanKind.PriceEmbedded:
                var product = catalog.FindByItemCode(scan.Code)
                    ?? throw new AgentException(StatusCodes.Status404NotFound, $"No product is listed for label item {scan.Code} (barcode '{typed}').");
                var value = scan.EmbeddedPrice!.Value;
                var data = scan.Code + value.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
                var code = data + Barcodes.CheckDigit(data);
                return catalog.Labels.TryDecode(code, out var label) && label.Kind == ScaleLabelKind.Weight
                    ? Sellable(product, typed) with { WeightGrams = (int)value, Barcode = code }
                    : Sellable(product, typed) with { EmbeddedPrice = value, Barcode = code };
            case ScanKind.UpcA or ScanKind.Ean13 or ScanKind.Ean8 when catalog.FindByCode(scan.Code) is { } found:
                return Sellable(found, typed);
            case ScanKind.Unknown when scan.Code.Length is 8 or 12 or 13 && scan.Code.All(char.IsAsciiDigit):
                throw AgentException.Invalid(
                    $"Barcode '{scan.Code}' has a wrong check digit (expected {Barcodes.CheckDigit(scan.Code[..^1])}): scan it again or type the SKU.");
            default:
                throw NotFound(typed);
        }
    }

    /// <summary>The scale label of a basket line scanned from one, once it is known to be the product's; null for a line without one.</summary>
    public static ScaleLabel? Label(string? barcode, CachedProduct product, ScaleLabelLayout labels, int lineNo)
    {
        if (barcode is null)
        {
            return null;
        }

        if (!labels.TryDecode(barcode, out var label))
        {
            throw AgentException.Invalid($"Line {lineNo}: '{barcode}' is not a price-embedded EAN-13 (prefix 2, valid check digit); scan the label again.");
        }

        return Barcodes.IsItemOf(label.ItemCode, product.Barcodes)
            ? label
            : throw AgentException.Invalid($"Line {lineNo}: label item {label.ItemCode} is not {product.Name} ({product.Sku}); scan the label again.");
    }

    private static ScannedProduct Sellable(CachedProduct p, string typed) => p.Active
        ? new ScannedProduct(p.Sku, p.Name, p.Price, p.Currency, p.TaxClass, p.Category, p.Active, p.Barcodes, SoldByWeight: p.SoldByWeight)
        : throw NotFound(typed);

    private static AgentException NotFound(string code) => new(StatusCodes.Status404NotFound, $"No product with code '{code}'.");
}
