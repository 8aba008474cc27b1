namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>How the receipt id is printed at the bottom of a receipt.</summary>
public enum ReceiptCodeKind
{
    /// <summary>A QR Code (scans from phones too; needs a printer with QR support).</summary>
    QrCode = 0,

    /// <summary>A CODE128 barcode (every ESC/POS printer; any handheld scanner reads it).</summary>
    Code128 = 1,

    /// <summary>No code.</summary>
    None = 2,
}
