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
    /// Period of an order's expiry reminder. It first fires at the expiry, then every period until the order is
    /// settled, so a tick lost to a crash is made up within one period. At least the reminder service's minimum (1 min by default).
    /// </summary>
    public TimeSpan ExpiryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A stock grain lets a reservation lapse on its own this long after the order's expiry: a backstop for an
    /// order grain that never came back. The order grain normally releases at the expiry itself.
    /// </summary>
    public TimeSpan StockReservationGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Delay before retrying a failed push to the availability index, or stock effects of an order that failed.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The store whose loyalty rule a shipped web order earns by, and whose id its loyalty entry carries. Pickup orders
    /// earn by their pickup store. Unset (or not a configured store): the default rule (1 point per major unit), store id "web".
    /// </summary>
    public string? WebStoreId { get; set; }
}
