namespace ChainPos.Grains.Hosting;

/// <summary>Tunables of checkout; defaults suit production, tests shorten the periods.</summary>
public sealed class CheckoutOptions
{
    /// <summary>
    /// How long a register uses its copy of the store's settings before reading them again. The store tells its
    /// registers of every change before acknowledging it, so this only bounds how stale a copy can get if that message
    /// was lost (the register's silo died meanwhile). Zero reads them for every transaction.
    /// </summary>
    public TimeSpan StoreSettingsRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Lease of a silo's product cache (<c>ProductCache</c>): the cache renews it every quarter of this, and the
    /// catalogue grain tells it of every change while it holds. A change the grain cannot tell a cache of (its silo
    /// died) waits at most this long to be acknowledged. Zero turns the cache off: every lookup asks the shards.
    /// </summary>
    public TimeSpan ProductCacheLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Products a silo's cache holds at most; lookups beyond it go to the shards (a product is ~0.5 KB).</summary>
    public int ProductCacheMaxEntries { get; set; } = 200_000;

    /// <summary>How long a gift card or points hold placed during a sale lives if the sale never commits.</summary>
    public TimeSpan HoldTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A register refuses to commit a sale whose holds expire sooner than this.</summary>
    public TimeSpan HoldCommitMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long past expiry a hold with an owner waits before asking the owner and settling.</summary>
    public TimeSpan HoldSettleDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sale ids a register remembers in its own state, which it rewrites with every sale; retries of older ones are
    /// answered from their sale records (a client retries its last sale, rarely an older one). 8 keeps a register's
    /// row without pending effects near 1.5 KB, below PostgreSQL's ~2 KB TOAST threshold (16 made it ~2.6 KB, 128
    /// ~17 KB: docs/benchmarks.md).
    /// </summary>
    public int RecentIdsKept { get; set; } = 8;

    /// <summary>
    /// Return, void and cash-movement ids a register remembers: they have no record of their own, so a retry is
    /// recognised only within this window.
    /// </summary>
    public int RecentOtherIdsKept { get; set; } = 512;

    /// <summary>Period of the reminder that wakes a register with undelivered effects (e.g. after a silo crash).</summary>
    public TimeSpan OutboxReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Delay before retrying effects that failed to apply.</summary>
    public TimeSpan OutboxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many committed transactions' effects one delivery pass sends together (one call per receiver).</summary>
    public int OutboxBatchSize { get; set; } = 64;

    /// <summary>
    /// Delivered effects are removed from the stored outbox by the register's next write (a commit), not by a write
    /// of their own. If this many removals are still only in memory, the register writes at once.
    /// </summary>
    public int OutboxUnwrittenRemovalsLimit { get; set; } = 256;

    /// <summary>How long after a delivery an idle register waits before writing the removals no commit has carried.</summary>
    public TimeSpan OutboxIdleWriteDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a receiver of outbox effects (stock, store-day report, receipt index) may hold a delivery before the
    /// durable write that acknowledges it, so deliveries from many registers share one write. The effect is applied in
    /// memory at once (stock reads see it); the register keeps it until the call returns and re-sends it after a crash.
    /// While a delivery waits the register gathers its next sales, so the next delivery carries more of them. Zero:
    /// write at once, as before.
    /// </summary>
    public TimeSpan EffectWriteWindow { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Test only; never set it in production. When true, a commit does not start delivering its effects right
    /// after the answer: they wait in the outbox for the outbox reminder, the register's next activation or an
    /// explicit <c>FlushOutboxAsync</c>. Lets a test crash a silo deterministically between commit and delivery.
    /// </summary>
    public bool TestOnlyDeferOutboxDelivery { get; set; }
}
