namespace ChainPos.Grains.Commerce;

/// <summary>
/// Where an order's reservation is in its life. The "-ing" phases are durable decisions whose stock effects may
/// not all have been applied yet: whoever finds one (the next call, the reminder) finishes it first.
/// </summary>
[GenerateSerializer]
public enum OrderPhase
{
    None = 0,
    /// <summary>Allocations chosen and being reserved; if found at the start of a turn, the attempt failed and is rolled back.</summary>
    Reserving = 1,
    Active = 2,
    Committing = 3,
    Committed = 4,
    /// <summary>Releasing because of a cancel (<see cref="OrderReservationState.Expiring"/> false) or the expiry (true).</summary>
    Releasing = 5,
    Released = 6,
    Expired = 7,
    /// <summary>The last attempt was refused and rolled back; a new attempt may be made.</summary>
    Refused = 8,
}

/// <summary>Persisted state of an order's reservation (state name "order-reservation").</summary>
[GenerateSerializer]
public sealed class OrderReservationState
{
    [Id(0)] public OrderPhase Phase { get; set; }
    /// <summary>Numbers the reserve attempts; part of every stock reservation id, so a retry never meets the ids of a refused attempt.</summary>
    [Id(1)] public int Attempt { get; set; }
    [Id(2)] public List<OrderLineState> Lines { get; set; } = [];
    [Id(3)] public string? PickupLocationId { get; set; }
    [Id(4)] public List<string> ShipFrom { get; set; } = [];
    [Id(5)] public string Currency { get; set; } = "";
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(8)] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>In <see cref="OrderPhase.Releasing"/>: the release is the expiry (ends <see cref="OrderPhase.Expired"/>).</summary>
    [Id(9)] public bool Expiring { get; set; }
    /// <summary>The loyalty account that earns points when the order is committed (from the reserve or the commit).</summary>
    [Id(10)] public string? CustomerId { get; set; }
}

/// <summary>A line of the order, priced from the catalogue at reserve time, and where its units are held.</summary>
[GenerateSerializer]
public sealed class OrderLineState
{
    [Id(0)] public string Sku { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public long Quantity { get; set; }
    [Id(3)] public long UnitPrice { get; set; }
    [Id(4)] public List<AllocationState> Allocations { get; set; } = [];
}

/// <summary>Units of a line asked for at one location, and what the stock grain granted (null: no answer yet).</summary>
[GenerateSerializer]
public sealed class AllocationState
{
    [Id(0)] public string LocationId { get; set; } = "";
    [Id(1)] public long Requested { get; set; }
    [Id(2)] public long? Granted { get; set; }
}
