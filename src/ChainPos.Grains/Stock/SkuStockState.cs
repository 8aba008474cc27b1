using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Allowances;
using ChainPos.Storage;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Persisted state of one SKU at one location (state name "stock"). With the group-commit provider the live
/// reservations are entry rows of their own (<see cref="ILedgerState"/>): a write of a hot SKU in a flash sale carries
/// the small row and the reservations that changed, not every live one.
/// </summary>
[GenerateSerializer]
public sealed class SkuStockState : ILedgerState
{
    [Id(0)] public long OnHand { get; set; }
    /// <summary>Sum of <see cref="Reservations"/> plus <see cref="QuotaHeld"/>.</summary>
    [Id(1)] public long Reserved { get; set; }
    [Id(2)] public long SafetyStock { get; set; }
    [Id(3)] public long ReorderPoint { get; set; }
    /// <summary>Highest sequence applied per source (a register): exact de-duplication of sale effects in constant space.</summary>
    [Id(4)] public Dictionary<string, long> HighWater { get; set; } = [];
    /// <summary>Recent operation ids (bounded, oldest first) for idempotent receipts, counts, adjustments and transfers.</summary>
    [Id(5)] public List<string> Operations { get; set; } = [];
    /// <summary>Active online reservations by reservation id (replace an entry to change it; see <see cref="LedgerMap{TValue}"/>).</summary>
    [Id(6)] public LedgerMap<StockReservationEntry> Reservations { get; set; } = new();
    /// <summary>Reservations that ended (bounded, oldest first), so a retried or late call has no second effect.</summary>
    [Id(7)] public List<FinishedStockReservation> Finished { get; set; } = [];
    /// <summary>Increases with every change of the levels; the availability index keeps the newest it was sent.</summary>
    [Id(8)] public long Version { get; set; }
    /// <summary>The level a reorder fills up to; 0 = twice the reorder point. Absent in older rows (reads as 0).</summary>
    [Id(9)] public long TargetLevel { get; set; }
    /// <summary>Recent changes of on hand (bounded, oldest first); absent in older rows (reads as empty).</summary>
    [Id(10)] public List<StockMovement> Movements { get; set; } = [];
    /// <summary>Pages of movements moved out of <see cref="Movements"/> into their slot grains so far.</summary>
    [Id(11)] public long MovementPages { get; set; }
    /// <summary>Units a register may lease to sell offline; above 0 the SKU is limited here. Absent in older rows (0).</summary>
    [Id(12)] public long OfflineQuota { get; set; }
    /// <summary>Offline quota leases to registers by lease id (active ones and the newest finished ones).</summary>
    [Id(13)] public Dictionary<string, AllowanceEntry> QuotaLeases { get; set; } = [];
    /// <summary>What the active quota leases hold (unsold units), included in <see cref="Reserved"/>.</summary>
    [Id(14)] public long QuotaHeld { get; set; }

    ILedgerMap ILedgerState.Ledger => Reservations;
}

/// <summary>
/// An active reservation: units held and the order's expiry (the lapse backstop counts from it). Init-only: a change is
/// a new entry assigned into the ledger, which is what tells the group-commit provider to write it.
/// </summary>
[GenerateSerializer]
public sealed class StockReservationEntry
{
    [Id(0)] public long Quantity { get; init; }
    [Id(1)] public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>How a reservation ended at the stock grain.</summary>
[GenerateSerializer]
public enum StockReservationEnd
{
    Committed = 1,
    Released = 2,
    /// <summary>Let go by the backstop, long after the order's expiry.</summary>
    Lapsed = 3,
}

[GenerateSerializer, Immutable]
public sealed record FinishedStockReservation(string ReservationId, StockReservationEnd End, long Quantity);
