using System.Globalization;

namespace ChainPos.Domain;

/// <summary>GS1 barcode checks for the symbologies a register scans: EAN-13, UPC-A and EAN-8.</summary>
public static class Barcodes
{
    /// <summary>The highest price a price-embedded EAN-13 can carry (its 5 price digits), minor units.</summary>
    public const long MaxEmbeddedPrice = 99_999;

    /// <summary>True for 13 digits with a valid check digit.</summary>
    public static bool IsValidEan13(string? code) => HasValidCheckDigit(code, 13);

    /// <summary>True for 12 digits with a valid check digit.</summary>
    public static bool IsValidUpcA(string? code) => HasValidCheckDigit(code, 12);

    /// <summary>True for 8 digits with a valid check digit.</summary>
    public static bool IsValidEan8(string? code) => HasValidCheckDigit(code, 8);

    /// <summary>True when the code is a valid EAN-13, UPC-A or EAN-8.</summary>
    public static bool IsValid(string? code) => IsValidEan13(code) || IsValidUpcA(code) || IsValidEan8(code);

    /// <summary>
    /// The GS1 check digit for <paramref name="dataDigits"/> (the code without its last digit):
    /// weights 3 and 1 alternate from the rightmost data digit, and the check digit brings the
    /// weighted sum up to a multiple of 10. "400638133393" gives '1'.
    /// </summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> when the input is empty or not all ASCII digits.</exception>
    public static char CheckDigit(string dataDigits)
    {
        if (string.IsNullOrEmpty(dataDigits) || !dataDigits.All(char.IsAsciiDigit))
        {
            throw DomainException.Invalid($"A check digit needs one or more digits (got '{Text.Clip(dataDigits)}').");
        }

        var sum = 0;
        for (var i = 0; i < dataDigits.Length; i++)
        {
            var weight = i % 2 == 0 ? 3 : 1;
            sum += (dataDigits[dataDigits.Length - 1 - i] - '0') * weight;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>
    /// Reads a variable-measure (price-embedded) EAN-13 as printed by store scales:
    /// <code>
    /// position  0-1     2-6         7-11         12
    ///           prefix  item code   price        check digit
    ///           20..29  5 digits    5 digits,    of the whole code
    ///                               minor units
    /// </code>
    /// <paramref name="itemCode"/> is the first 7 characters (prefix and item code, e.g. "2112345") and
    /// <paramref name="price"/> is characters 7..11 read as minor units (00250 is 2.50). The code must be
    /// a valid EAN-13 starting with '2'. Layouts with a separate price check digit are read the same way:
    /// that digit is not checked. Whether the five digits are a price or a weight in grams is the store's
    /// <see cref="ScaleLabelLayout"/>; this method reads them as they are.
    /// </summary>
    /// <returns>True when the code is a valid price-embedded EAN-13; otherwise false, with an empty item code and a zero price.</returns>
    public static bool TryParsePriceEmbedded(string? ean13, out string itemCode, out long price)
    {
        itemCode = string.Empty;
        price = 0;
        if (!IsValidEan13(ean13) || ean13![0] != '2')
        {
            return false;
        }

        itemCode = ean13[..7];
        price = long.Parse(ean13.AsSpan(7, 5), NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// True when <paramref name="itemCode"/> (the first 7 characters of a price-embedded code) is the item of one of
    /// <paramref name="barcodes"/>: a product sold by scale label lists its price-embedded code with any price, usually
    /// 00000 (item 2112345 is listed as "2112345000008").
    /// </summary>
    public static bool IsItemOf(string itemCode, IEnumerable<string> barcodes) =>
        barcodes.Any(b => TryParsePriceEmbedded(b, out var item, out _) && string.Equals(item, itemCode, StringComparison.Ordinal));

    private static bool HasValidCheckDigit(string? code, int length) =>
        code is not null
        && code.Length == length
        && code.All(char.IsAsciiDigit)
        && CheckDigit(code[..^1]) == code[^1];
}
