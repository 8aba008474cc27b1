using ChainPos.Abstractions.Allowances;

namespace ChainPos.Abstractions.Stock;

[GenerateSerializer, Immutable, Alias("chainpos.StockLevel")]
public sealed record StockLevel(
    string LocationId,
    string Sku,
    long OnHand,
    long Reserved,
    long SafetyStock,
    long ReorderPoint,
    long TargetLevel = 0,
    long OfflineQuota = 0)
{
    /// <summary>What may still be promised online: on hand − reserved − safety stock, never below 0.</summary>
    public long Available => Math.Max(0, OnHand - Reserved - SafetyStock);

    public bool Negative => OnHand < 0;
}

/// <summary>One committed transaction's summed quantity change for one SKU, under its source's sequence.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.SequencedStockDelta")]
public sealed record SequencedStockDelta(long Sequence, long Quantity, string? Reference = null);

[GenerateSerializer]
public enum StockOperationKind
{
    Receive = 1,
    Adjust = 2,
    Count = 3,
    TransferOut = 4,
    TransferIn = 5,
}

[GenerateSerializer, Immutable, Alias("chainpos.StockOperation")]
public sealed record StockOperation(string OperationId, StockOperationKind Kind, long Quantity, string? Reason, string? OtherLocationId = null);

/// <summary>
/// One SKU at one location. Sales decrement it (it may go negative: the goods left with the
/// customer, so it is flagged, never refused). Online reservations are granted only from
/// available = on hand − reserved − safety stock, so they never oversell. After every change the
/// grain pushes its absolute level, with a version, to the SKU's availability index (best effort,
/// retried). Key: <see cref="GrainKeys.Stock"/>.
/// </summary>
public interface ISkuStockGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<StockLevel> GetAsync();

    /// <summary>
    /// Applies a sale's (negative) or return's (positive) quantity. De-duplicated by a high-water
    /// mark per <paramref name="source"/>: each source sends strictly increasing sequences, so a
    /// sequence at or below the mark is a repeat and changes nothing. Returns true when applied now.
    /// </summary>
    Task<bool> ApplyDeltaAsync(string source, long sequence, long quantityDelta);

    /// <summary>
    /// Applies many transactions' deltas of one source at once (a register's outbox batch), in ascending sequence
    /// order: those above the source's high-water mark are summed into one change and one durable write, the rest
    /// are repeats and change nothing. Answers only when the change is durable. Returns how many were applied now.
    /// </summary>
    Task<int> ApplyDeltasAsync(string source, IReadOnlyList<SequencedStockDelta> deltas);

    /// <summary>Receive, adjust, count or transfer in/out. Idempotent by operation id.</summary>
    Task<StockLevel> ApplyOperationAsync(StockOperation operation);

    /// <summary>
    /// Sets safety stock, reorder point, the target level a reorder fills up to (0: twice the reorder point) and the
    /// offline quota: above 0 the SKU is <em>limited</em> here, and a register may lease at most that many units to sell
    /// offline (<see cref="LeaseQuotaAsync"/>); 0 = not limited (no quota is leased).
    /// </summary>
    Task<StockLevel> SetPolicyAsync(long safetyStock, long reorderPoint, long targetLevel = 0, long offlineQuota = 0);

    /// <summary>
    /// Leases up to <paramref name="maxUnits"/> units (capped by the offline quota and by what is available) to one
    /// register of this location for offline selling. The units are counted in <see cref="StockLevel.Reserved"/> while
    /// the lease is active, so online reservations cannot take them. Every sale of this SKU that the register's outbox
    /// delivers afterwards (de-duplicated by the register's sequence) shrinks the lease by the units sold; a sale beyond
    /// it is applied all the same and counted as overspend. Idempotent by <paramref name="leaseId"/>. The lease ends when
    /// returned or 10 minutes after its expiry. <see cref="AllowanceView.Spent"/> is the units sold against it.
    /// </summary>
    Task<AllowanceView> LeaseQuotaAsync(string leaseId, string storeId, string registerId, long maxUnits, TimeSpan ttl);

    /// <summary>Extends an active quota lease of this register.</summary>
    Task<AllowanceView> RenewQuotaAsync(string leaseId, string storeId, string registerId, TimeSpan ttl);

    /// <summary>Ends a quota lease of this register: its unsold units go back to available. Repeats change nothing.</summary>
    Task<AllowanceView> ReturnQuotaAsync(string leaseId, string storeId, string registerId);

    /// <summary>The kept movements (at least the newest 512), newest first: <paramref name="skip"/> then at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    Task<StockMovementPage> GetMovementsAsync(int skip, int limit);

    /// <summary>
    /// Reserves <paramref name="quantity"/> units for an online order, granted only from what is available at
    /// this moment: all of it, or nothing; with <paramref name="allowPartial"/>, as many as are available (possibly 0).
    /// <paramref name="expiresAt"/> is the order's expiry; past it plus a grace period the stock grain lets the
    /// reservation lapse on its own (a backstop: the order grain normally releases it). Idempotent by
    /// <paramref name="reservationId"/>: a repeat answers with what the first call granted and changes nothing;
    /// an id that already ended is refused (granted 0).
    /// </summary>
    Task<StockReservation> ReserveAsync(string reservationId, long quantity, bool allowPartial, DateTimeOffset expiresAt);

    /// <summary>Moves the backstop expiry of a reservation to <paramref name="expiresAt"/> if that is later.</summary>
    Task<StockReservationOutcome> ExtendReservationAsync(string reservationId, DateTimeOffset expiresAt);

    /// <summary>The order was paid: on hand and reserved both go down by the reserved units, exactly once.</summary>
    Task<StockReservationOutcome> CommitReservationAsync(string reservationId);

    /// <summary>The order was cancelled or expired: reserved goes down by the reserved units, exactly once.</summary>
    Task<StockReservationOutcome> ReleaseReservationAsync(string reservationId);
}
