namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>QR Code settings and stored data a decoder tracks (GS ( k, cn 49), with power-on values.</summary>
internal sealed class QrSettings
{
    public int Model { get; set; } = 2;

    public int ModuleSize { get; set; } = 3;

    public char ErrorCorrection { get; set; } = 'L';

    public string? Data { get; set; }

    public void Reset()
    {
        Model = 2;
        ModuleSize = 3;
        ErrorCorrection = 'L';
        Data = null;
    }
}
