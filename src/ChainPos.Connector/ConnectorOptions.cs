namespace ChainPos.Connector;

/// <summary>The connector's settings (section <c>Connector</c>; environment variables <c>Connector__*</c>).</summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Connector";

    /// <summary>Address the connector listens on.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>HTTP port of the webhook, inbox and health endpoints (0: any free port).</summary>
    public int Port { get; set; } = 8088;

    /// <summary>The ChainPos gRPC gateway, e.g. <c>http://chainpos:5000</c>.</summary>
    public string GatewayUrl { get; set; } = "";

    /// <summary>The e-commerce credential's bearer secret for the gateway.</summary>
    public string GatewaySecret { get; set; } = "";

    /// <summary>Shared secret of the HMAC-SHA256 signature on the shop's order webhooks.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>
    /// How far the signed <c>X-ChainPos-Timestamp</c> of an order webhook may be from the connector's clock, either way;
    /// older or newer events are refused with 401 (a captured request cannot be replayed later).
    /// </summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Accept order webhooks signed the original way (body only, no timestamp) while the shop migrates. Off by default:
    /// such requests have no replay window.
    /// </summary>
    public bool AcceptUntimestampedWebhooks { get; set; }

    /// <summary>
    /// How long applied inbox events are kept: within it a repeated event id is answered as a duplicate. Pending and
    /// parked events are never pruned.
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often applied events older than <see cref="InboxRetention"/> are deleted.</summary>
    public TimeSpan InboxPruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Bearer token for the inbox endpoints (<c>/inbox/*</c>); they answer 404 when it is not set.</summary>
    public string AdminToken { get; set; } = "";

    /// <summary>The SQLite file holding the inbox and the stock feed's resume point.</summary>
    public string DataPath { get; set; } = "connector.db";

    /// <summary>Time to live of a reservation made for an order.created event that names none, in seconds.</summary>
    public int DefaultTtlSeconds { get; set; } = 1800;

    /// <summary>
    /// How long a paid pickup order stays reserved for the customer to collect, in seconds (order.paid extends it by
    /// this; the store commits it at the register). At most 604800 (7 days).
    /// </summary>
    public int PickupHoldSeconds { get; set; } = 3 * 24 * 3600;

    /// <summary>First delay before retrying a failed gateway call or stock push; doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Deadline of one gateway call.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Where stock changes are pushed; empty disables the stock feed.</summary>
    public string StockWebhookUrl { get; set; } = "";

    /// <summary>Shared secret of the HMAC-SHA256 signature on pushed stock changes.</summary>
    public string StockWebhookSecret { get; set; } = "";

    /// <summary>The SKUs whose changes are pushed (1..500).</summary>
    public List<string> StockSkus { get; set; } = [];

    /// <summary>Only changes at these locations; empty: every location.</summary>
    public List<string> StockLocations { get; set; } = [];

    /// <summary>The delay before retry <paramref name="attempt"/> (1-based): initial × 2^(attempt−1), at most the maximum.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(RetryInitialDelay.TotalMilliseconds * factor);
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }
}
