using System.Text;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ErrorCode = ChainPos.Domain.ErrorCode;

namespace ChainPos.Gateway.Import;

/// <summary>
/// Reads a catalogue import file (see docs/catalogue-import.md): UTF-8 CSV, header row required,
/// at most <see cref="MaxRows"/> rows and <see cref="MaxBytes"/> bytes. Every row is checked before
/// anything is returned, so a file is imported whole or not at all.
/// </summary>
public static class ProductCsv
{
    public const int MaxBytes = 4 * 1024 * 1024;
    public const int MaxRows = 5000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<ProductInfo> Parse(ReadOnlySpan<byte> csv)
    {
        if (csv.Length > MaxBytes)
        {
            throw new PosException(ErrorCode.ResourceExhausted, $"A CSV file is at most {MaxBytes} bytes (got {csv.Length}); split it into several imports.");
        }

        var records = CsvReader.Read(Decode(csv)).Where(r => !r.IsBlank).ToList();
        if (records.Count == 0)
        {
            throw PosException.Invalid("The CSV file is empty; it needs a header row and at least one product row.");
        }

        if (records.Count - 1 > MaxRows)
        {
            throw new PosException(ErrorCode.ResourceExhausted, $"A CSV file has at most {MaxRows} product rows (got {records.Count - 1}); split it into several imports.");
        }

        var header = ProductCsvHeader.Parse(records[0]);
        if (records.Count == 1)
        {
            throw PosException.Invalid("The CSV file has a header row but no product rows.");
        }

        var products = new List<ProductInfo>(records.Count - 1);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in records.Skip(1))
        {
            var product = ProductCsvRow.Parse(header, row);
            if (!seen.TryAdd(product.Sku, row.Line))
            {
                throw ProductCsvRow.Invalid(row.Line, $"sku '{product.Sku}' already appears on line {seen[product.Sku]}; list each product once.");
            }

            products.Add(product);
        }

        return products;
    }

    private static string Decode(ReadOnlySpan<byte> csv)
    {
        try
        {
            var text = StrictUtf8.GetString(csv);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw PosException.Invalid("The CSV file is not valid UTF-8; save it as UTF-8 and send it again.");
        }
    }
}
