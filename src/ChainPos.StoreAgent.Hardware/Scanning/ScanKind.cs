namespace ChainPos.StoreAgent.Hardware.Scanning;

/// <summary>What a scanned code is.</summary>
public enum ScanKind
{
    /// <summary>Not a GTIN we recognise (other symbologies, typed SKUs, a bad check digit): look it up as typed.</summary>
    Unknown = 0,

    /// <summary>A valid EAN-13 (not price-embedded).</summary>
    Ean13 = 1,

    /// <summary>A valid 12-digit UPC-A.</summary>
    UpcA = 2,

    /// <summary>A valid EAN-8.</summary>
    Ean8 = 3,

    /// <summary>A valid EAN-13 with prefix 2 carrying an item code and a price (store scales).</summary>
    PriceEmbedded = 4,
}
