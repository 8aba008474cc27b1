namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>Barcode settings a decoder tracks (GS H, GS h, GS w), with their power-on values.</summary>
internal sealed class BarcodeSettings
{
    public int Height { get; set; } = 162;

    public int ModuleWidth { get; set; } = 3;

    public string HriPosition { get; set; } = "none";

    public void Reset()
    {
        Height = 162;
        ModuleWidth = 3;
        HriPosition = "none";
    }
}
