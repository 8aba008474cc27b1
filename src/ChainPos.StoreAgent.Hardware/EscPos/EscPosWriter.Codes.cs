using static ChainPos.StoreAgent.Hardware.EscPos.EscPosBytes;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>Barcodes and QR codes.</summary>
public sealed partial class EscPosWriter
{
    /// <summary>The most data QR Code function 180 stores on Epson printers.</summary>
    public const int MaxQrBytes = 7089;

    /// <summary>
    /// A CODE128 barcode in code set B: GS H 2 (digits printed below), GS h height, GS w module width,
    /// then GS k 73 n "{B" data. A '{' in the data is sent as "{{" (the escape of code set B).
    /// </summary>
    /// <param name="data">Printable ASCII (0x20..0x7E).</param>
    /// <param name="height">Bar height in dots, 1..255.</param>
    /// <param name="moduleWidth">Narrow bar width in dots, 2..6.</param>
    public EscPosWriter Code128(string data, int height = 80, int moduleWidth = 2)
    {
        var payload = "{B" + RequirePrintableAscii(data, nameof(data)).Replace("{", "{{", StringComparison.Ordinal);
        if (payload.Length > 255)
        {
            throw new ArgumentException($"CODE128 data is limited to 253 bytes (got {payload.Length - 2}).", nameof(data));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleWidth, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleWidth, 6);
        Raw(Gs, (byte)'H', 2);
        Raw(Gs, (byte)'h', (byte)height);
        Raw(Gs, (byte)'w', (byte)moduleWidth);
        Raw(Gs, (byte)'k', EscPosBytes.Code128, (byte)payload.Length);
        return Ascii(payload);
    }

    /// <summary>
    /// A QR Code (model 2) through GS ( k: function 165 (model), 167 (module size), 169 (error
    /// correction), 180 (store data; pL pH = data length + 3, little-endian), 181 (print).
    /// </summary>
    /// <param name="data">Printable ASCII, 1..7089 bytes.</param>
    /// <param name="moduleSize">Dots per module, 1..16.</param>
    /// <param name="errorCorrection">Error correction level.</param>
    public EscPosWriter QrCode(string data, int moduleSize = 6, QrErrorCorrection errorCorrection = QrErrorCorrection.M)
    {
        RequirePrintableAscii(data, nameof(data));
        if (data.Length > MaxQrBytes)
        {
            throw new ArgumentException($"QR data is limited to {MaxQrBytes} bytes (got {data.Length}).", nameof(data));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(moduleSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleSize, 16);
        var stored = data.Length + 3;
        Raw(Gs, (byte)'(', (byte)'k', 4, 0, QrSymbol, 65, 50, 0);
        Raw(Gs, (byte)'(', (byte)'k', 3, 0, QrSymbol, 67, (byte)moduleSize);
        Raw(Gs, (byte)'(', (byte)'k', 3, 0, QrSymbol, 69, (byte)errorCorrection);
        Raw(Gs, (byte)'(', (byte)'k', (byte)(stored & 0xFF), (byte)(stored >> 8), QrSymbol, 80, 48);
        Ascii(data);
        return Raw(Gs, (byte)'(', (byte)'k', 3, 0, QrSymbol, 81, 48);
    }

    private static string RequirePrintableAscii(string data, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(data, name);
        if (!data.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException("Barcode and QR data must be printable ASCII (0x20..0x7E).", name);
        }

        return data;
    }

    private EscPosWriter Ascii(string text)
    {
        foreach (var c in text)
        {
            _bytes.Add((byte)c);
        }

        return this;
    }
}
