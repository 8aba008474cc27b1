namespace ChainPos.StoreAgent.Devices;

/// <summary>How a device is reached, from a setting like Agent:Printer: the virtual device, none, a TCP port or a device file.</summary>
internal enum DeviceTargetKind
{
    None,
    Virtual,
    Tcp,
    File,
}

/// <summary>A parsed device setting: "virtual", "none", "tcp://host:port" or "file:/dev/ttyUSB0".</summary>
internal sealed record DeviceTarget(DeviceTargetKind Kind, string Text, string Host = "", int Port = 0, string Path = "")
{
    /// <summary>Parses <paramref name="value"/> of the setting <paramref name="key"/>; "virtual" only when <paramref name="allowVirtual"/>.</summary>
    public static DeviceTarget Parse(string? value, string key, bool allowVirtual)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return new DeviceTarget(DeviceTargetKind.None, "none");
        }

        if (allowVirtual && text.Equals("virtual", StringComparison.OrdinalIgnoreCase))
        {
            return new DeviceTarget(DeviceTargetKind.Virtual, "virtual");
        }

        if (text.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && uri.Host.Length > 0 && !uri.IsDefaultPort)
        {
            return new DeviceTarget(DeviceTargetKind.Tcp, text, Host: uri.Host, Port: uri.Port);
        }

        if (text.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && text.Length > "file:".Length)
        {
            return new DeviceTarget(DeviceTargetKind.File, text, Path: text["file:".Length..]);
        }

        throw new InvalidOperationException(
            $"{key} '{value}' is not {(allowVirtual ? "virtual, " : "")}none, tcp://host:port or file:/path.");
    }
}
