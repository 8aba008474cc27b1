namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>Where a network printer listens for raw jobs (bindable from configuration).</summary>
public sealed class TcpPrinterOptions
{
    /// <summary>Host name or IP address of the printer.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Raw print port ("JetDirect"/AppSocket), 9100 on virtually every network printer.</summary>
    public int Port { get; set; } = 9100;

    /// <summary>How long to wait for the connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one job may take to hand over (a printer out of paper stops reading).</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
