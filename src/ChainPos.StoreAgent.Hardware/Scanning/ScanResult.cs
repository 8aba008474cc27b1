namespace ChainPos.StoreAgent.Hardware.Scanning;

/// <summary>One scan, classified.</summary>
/// <param name="Raw">Exactly what the device or keyboard delivered, without the line terminator.</param>
/// <param name="Kind">What the code is.</param>
/// <param name="Code">
/// The code to look up: GTIN-13 for EAN-13 and UPC-A (a UPC-A gets a leading 0), the 8 digits of an
/// EAN-8, the item code ("2112345") of a price-embedded code, and for <see cref="ScanKind.Unknown"/>
/// the trimmed input.
/// </param>
/// <param name="EmbeddedPrice">Price-embedded only: the price in minor units (00250 is 2.50).</param>
public sealed record ScanResult(string Raw, ScanKind Kind, string Code, long? EmbeddedPrice = null);
