namespace ChainPos.Grains.Hosting;

/// <summary>Tunables of online reservations (section <c>ChainPos:Commerce</c>); defaults suit production, tests shorten them.</summary>
public sealed class CommerceOptions
{
    /// <summary>Configuration section bound by <see cref="GrainsHostingExtensions.AddChainPosGrains"/>.</summary>
    public const string Section = "ChainPos:Commerce";

    /// <summary>Shortest time to live a reservation may be given.</summary>
    public TimeSpan MinReservationTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest time to live a reservation may be given (per reserve or extend).</summary>
    public TimeSpan MaxReservationTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Period of the persisted reminders that back up timers after a crash or a full restart: a stock grain's
    /// reservation-expiry reminder (one per stock grain holding reservations, not one per order) and an order's
    /// effect-retry reminder. At least the reminder service's minimum (1 min by default).
    /// </summary>
    public TimeSpan ExpiryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A stock grain lets a reservation go (expires it) this long after the order's expiry: the margin covers clocks
    /// of different silos and a commit decided just before the expiry that is still on its way. The stock grain is
    /// what releases expired units (its own timer, and one reminder per stock grain after a restart); the order grain
    /// only records the expiry when it is next called.
    /// </summary>
    public TimeSpan StockReservationGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Expiries are handled in buckets of this width: a stock grain's expiry timer fires at the end of the bucket
    /// holding the earliest expiry and lets every reservation due by then go in one write.
    /// </summary>
    public TimeSpan ExpiryBucket { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Least time between two pushes of one stock grain's level to the availability index (a guide: debounced, not per grant).</summary>
    public TimeSpan AvailabilityPushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Least time between two writes of one SKU's availability index: reports arriving meanwhile share the next write.
    /// Bounds the index's writes per SKU whatever the number of locations and changes; adds at most this much to how
    /// soon a change reaches availability reads and the change feed. Zero writes as soon as the previous write ends.
    /// </summary>
    public TimeSpan AvailabilityWriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before retrying a failed push to the availability index, or stock effects of an order that failed.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The store whose loyalty rule a shipped web order earns by, and whose id its loyalty entry carries. Pickup orders
    /// earn by their pickup store. Unset (or not a configured store): the default rule (1 point per major unit), store id "web".
    /// </summary>
    public string? WebStoreId { get; set; }

    /// <summary>
    /// Locations that publish a location-wide stock feed (location-only <c>WatchStock</c>): exact location ids, a prefix
    /// ending in <c>*</c> (<c>WH*</c>), or <c>*</c> for every location. Empty (the default): none. A feed's every write
    /// stores one level per SKU of its location, so list the locations a shop or display actually follows rather than
    /// every store of a large chain.
    /// </summary>
    public List<string> LocationFeeds { get; set; } = [];

    /// <summary>Whether <paramref name="locationId"/> publishes a location-wide stock feed (<see cref="LocationFeeds"/>).</summary>
    public bool PublishesLocationFeed(string locationId) => LocationFeeds.Exists(pattern =>
        pattern.EndsWith('*') ? locationId.StartsWith(pattern[..^1], StringComparison.Ordinal) : pattern == locationId);
}
