namespace ChainPos.StoreAgent.Hardware.Display;

/// <summary>Customer display settings (bindable from configuration).</summary>
public sealed class CustomerDisplayOptions
{
    /// <summary>Character table selected with ESC t: "PC858" (has €, the default) or "PC437".</summary>
    public string CodePage { get; set; } = "PC858";
}
