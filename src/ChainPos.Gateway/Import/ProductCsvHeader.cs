using ChainPos.Abstractions;

namespace ChainPos.Gateway.Import;

/// <summary>The header row of a product CSV: which field holds which column. Names are case-insensitive, any order.</summary>
public sealed class ProductCsvHeader
{
    public const string Sku = "sku";
    public const string Name = "name";
    public const string Price = "price";
    public const string Currency = "currency";
    public const string TaxClass = "tax_class";
    public const string Category = "category";
    public const string Barcodes = "barcodes";
    public const string Active = "active";
    public const string SupplierId = "supplier_id";
    public const string SupplierName = "supplier_name";
    public const string UnitCost = "unit_cost";
    public const string Unit = "unit";

    private static readonly string[] Required = [Sku, Name, Price, Currency, TaxClass, Category, Barcodes];
    private static readonly string[] Optional = [Active, SupplierId, SupplierName, UnitCost, Unit];

    private readonly Dictionary<string, int> _index;

    private ProductCsvHeader(Dictionary<string, int> index, int width)
    {
        _index = index;
        Width = width;
    }

    /// <summary>Number of fields every row must have.</summary>
    public int Width { get; }

    public static ProductCsvHeader Parse(CsvRecord header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (!Required.Contains(name) && !Optional.Contains(name))
            {
                throw Invalid(header.Line, $"unknown column '{Clip(name)}'.");
            }

            if (!index.TryAdd(name, i))
            {
                throw Invalid(header.Line, $"column '{name}' appears twice.");
            }
        }

        var missing = Required.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw Invalid(header.Line, $"missing column(s) {string.Join(", ", missing)}.");
        }

        return new ProductCsvHeader(index, header.Fields.Count);
    }

    /// <summary>The trimmed value of <paramref name="column"/> in a row; empty when the optional column is absent.</summary>
    public string Get(CsvRecord row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _index.TryGetValue(column, out var i) ? row.Fields[i].Trim() : "";
    }

    private static PosException Invalid(int line, string problem) => PosException.Invalid(
        $"Line {line}: {problem} The header row must name the columns sku,name,price,currency,tax_class,category,barcodes and optionally active. Nothing was imported.");

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
