namespace ChainPos.Abstractions.Commerce;

/// <summary>One line of an online order: a SKU and how many units.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.OrderLineSpec")]
public sealed record OrderLineSpec(string Sku, long Quantity);

/// <summary>
/// Reserve stock for an order. With <see cref="PickupLocationId"/> every line is reserved at that store (pickup);
/// without it the server picks locations from the availability index, most available first, splitting a line
/// when one location cannot cover it, optionally only among <see cref="ShipFromLocationIds"/>.
/// <see cref="CustomerId"/>, optional: the loyalty account that earns points when the order is committed.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.ReserveCommand")]
public sealed record ReserveCommand(
    IReadOnlyList<OrderLineSpec> Lines,
    string? PickupLocationId,
    IReadOnlyList<string>? ShipFromLocationIds,
    TimeSpan Ttl,
    string? CustomerId = null);

/// <summary>Where a reservation stands.</summary>
[GenerateSerializer]
public enum ReservationStatus
{
    /// <summary>Holding stock until it is committed, released or expires.</summary>
    Active = 1,

    /// <summary>Paid: the units left the books.</summary>
    Committed = 2,

    /// <summary>Cancelled by the shop; the units are available again.</summary>
    Released = 3,

    /// <summary>Reached its expiry without a commit; the units are available again.</summary>
    Expired = 4,
}

/// <summary>Units of a line held at one location.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.AllocationView")]
public sealed record AllocationView(string LocationId, long Quantity);

/// <summary>A reserved line, priced from the catalogue when it was reserved.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.ReservationLineView")]
public sealed record ReservationLineView(
    string Sku,
    string Name,
    long Quantity,
    long UnitPrice,
    long LineTotal,
    IReadOnlyList<AllocationView> Allocations);

/// <summary>An order's reservation; the same on every retry of the call that made it (with <see cref="Replayed"/> set).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.ReservationView")]
public sealed record ReservationView(
    string OrderId,
    ReservationStatus Status,
    string? PickupLocationId,
    string Currency,
    IReadOnlyList<ReservationLineView> Lines,
    long Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? FinishedAt,
    bool Replayed = false,
    string? CustomerId = null);
