using ChainPos.Domain;

namespace ChainPos.StoreAgent.Hardware.Scanning;

/// <summary>
/// Classifies one scan, whichever way it arrived: a serial/TCP scanner's line or a keyboard-wedge
/// scanner's keystrokes collected by the register UI. Surrounding whitespace and control
/// characters are ignored, and so is an AIM symbology identifier some scanners put first ("]E0").
/// Check digits are verified with <see cref="Barcodes"/>.
/// </summary>
public static class BarcodeParser
{
    // Control characters (CR, LF, STX, ETX, tab...), DEL and space.
    private static readonly char[] Ignored = [.. Enumerable.Range(0, 0x21).Select(i => (char)i), '\x7F'];

    /// <summary>Classifies <paramref name="raw"/>.</summary>
    public static ScanResult Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var code = raw.Trim(Ignored);
        if (code.Length > 3 && code[0] == ']' && char.IsAsciiLetter(code[1]) && char.IsAsciiLetterOrDigit(code[2]))
        {
            code = code[3..];
        }

        if (Barcodes.TryParsePriceEmbedded(code, out var itemCode, out var price))
        {
            return new ScanResult(raw, ScanKind.PriceEmbedded, itemCode, price);
        }

        return code.Length switch
        {
            13 when Barcodes.IsValidEan13(code) => new ScanResult(raw, ScanKind.Ean13, code),
            12 when Barcodes.IsValidUpcA(code) => new ScanResult(raw, ScanKind.UpcA, "0" + code),
            8 when Barcodes.IsValidEan8(code) => new ScanResult(raw, ScanKind.Ean8, code),
            _ => new ScanResult(raw, ScanKind.Unknown, code),
        };
    }
}
