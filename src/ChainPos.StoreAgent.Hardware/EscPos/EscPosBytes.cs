namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>Control bytes of the ESC/POS command set.</summary>
internal static class EscPosBytes
{
    public const byte Lf = 0x0A;
    public const byte Esc = 0x1B;
    public const byte Gs = 0x1D;
    public const byte Fs = 0x1C;
    public const byte Us = 0x1F;
    public const byte Clr = 0x0C;
    public const byte Cr = 0x0D;

    /// <summary>GS k m for CODE128 (function B: a length byte follows).</summary>
    public const byte Code128 = 73;

    /// <summary>GS V m: feed to the cutting position plus n motion units, then partial cut.</summary>
    public const byte PartialCutWithFeed = 66;

    /// <summary>cn of GS ( k for QR Code.</summary>
    public const byte QrSymbol = 49;
}
