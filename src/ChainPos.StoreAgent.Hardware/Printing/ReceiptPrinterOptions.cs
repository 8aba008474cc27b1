using ChainPos.StoreAgent.Hardware.EscPos;

namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>How receipts are laid out and how the drawer is kicked (bindable from configuration).</summary>
public sealed class ReceiptPrinterOptions
{
    /// <summary>Characters per line in the normal font: 48 (80 mm, Font A, most printers), 42 (80 mm on 512-dot models), 32 (58 mm).</summary>
    public int Width { get; set; } = 48;

    /// <summary>Printer character table: "PC858" (has €, the default) or "PC437".</summary>
    public string CodePage { get; set; } = EscPosCodePage.Pc858.Name;

    /// <summary>How the receipt id is printed at the bottom.</summary>
    public ReceiptCodeKind ReceiptCode { get; set; } = ReceiptCodeKind.QrCode;

    /// <summary>Which drawer-kick pin the drawer is wired to.</summary>
    public DrawerPin DrawerPin { get; set; } = DrawerPin.Pin2;

    /// <summary>How long the drawer's solenoid is driven (2..510 ms).</summary>
    public int DrawerPulseMilliseconds { get; set; } = 50;

    /// <summary>Pause after the pulse (2..510 ms).</summary>
    public int DrawerPauseMilliseconds { get; set; } = 500;
}
