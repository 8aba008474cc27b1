namespace ChainPos.StoreAgent.Hosting;

/// <summary>Configuration section "Agent": which register this agent is, where the platform is, where its data lives.</summary>
internal sealed class AgentOptions
{
    public const string Section = "Agent";

    public string StoreId { get; set; } = "";

    public string RegisterId { get; set; } = "";

    /// <summary>The platform's gRPC endpoint.</summary>
    public string GatewayUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>This store's agent credential (sent as a bearer token).</summary>
    public string Credential { get; set; } = "";

    /// <summary>Demo only: read the credential of <see cref="StoreId"/> from the demo node's demo-credentials.json.</summary>
    public string? DemoCredentialsFile { get; set; }

    /// <summary>Folder of the agent's SQLite database (catalogue cache, sale journal, shift).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// How long a write waits for the SQLite file when another program holds it (a backup, an open sqlite3 shell); past it the
    /// register answers 503 "the local journal is busy" and the sale is retried with the same id.
    /// </summary>
    public TimeSpan DatabaseBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Loopback port of the register UI and its JSON API.</summary>
    public int Port { get; set; } = 5090;

    /// <summary>Deadline of each call to the platform; past it the link counts as down and the sale is queued.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the journal is sent (and the link probed when down).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the catalogue and store settings are delta-synced while online.</summary>
    public TimeSpan CatalogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>"virtual" (an in-process ESC/POS printer whose paper the UI shows), "none", "tcp://host:9100" or "file:/dev/usb/lp0".</summary>
    public string Printer { get; set; } = "virtual";

    /// <summary>
    /// The customer display: "virtual" (in process; what it shows is in customer-display.txt and GET /api/display), "none",
    /// "tcp://host:port" (a serial-to-Ethernet bridge) or "file:/dev/ttyUSB0".
    /// </summary>
    public string CustomerDisplay { get; set; } = "virtual";

    /// <summary>The display's first row between sales; the second is the store's name.</summary>
    public string CustomerDisplayWelcome { get; set; } = "Welcome";

    /// <summary>How long the change (or the thank-you) stays on the display after a sale before the welcome text; zero keeps it.</summary>
    public TimeSpan CustomerDisplayIdleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A line-based barcode scanner read by the agent: "none" (keyboard-wedge scanners need nothing), "tcp://host:port" or "file:/dev/ttyACM0".</summary>
    public string Scanner { get; set; } = "none";

    /// <summary>Most a card terminal approves without its acquirer (the simulated terminal's floor limit), minor units.</summary>
    public long OfflineCardFloorLimit { get; set; } = 5000;

    /// <summary>Most of a gift card's balance leased to this register for offline spending (minor units).</summary>
    public long GiftCardAllowance { get; set; } = 5000;

    /// <summary>Most of a loyalty account's points leased to this register for offline spending.</summary>
    public long PointsAllowance { get; set; } = 2000;

    /// <summary>Life of an allowance lease; renewed while in use, the register stops spending from it at expiry.</summary>
    public TimeSpan AllowanceTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An allowance not used for this long is given back (once every offline sale has synced).</summary>
    public TimeSpan AllowanceIdle { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Whether opening the drawer without a sale (no-sale) needs a supervisor's id and PIN.</summary>
    public bool NoSaleNeedsSupervisor { get; set; }

    /// <summary>Receipt header lines under the store name.</summary>
    public List<string> ReceiptHeader { get; set; } = [];
}
