namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>n of QR Code function 169 (GS ( k ... 49 69 n): how much of the symbol may be damaged.</summary>
public enum QrErrorCorrection
{
    /// <summary>About 7 %.</summary>
    L = 48,

    /// <summary>About 15 % (what receipts use).</summary>
    M = 49,

    /// <summary>About 25 %.</summary>
    Q = 50,

    /// <summary>About 30 %.</summary>
    H = 51,
}
