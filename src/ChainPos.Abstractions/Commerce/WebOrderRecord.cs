namespace ChainPos.Abstractions.Commerce;

/// <summary>Units of a committed line taken from one location's stock.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.WebOrderAllocation")]
public sealed record WebOrderAllocation(string LocationId, long Quantity);

/// <summary>A line of a committed web order, priced from the catalogue when it was reserved (minor units).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.WebOrderLine")]
public sealed record WebOrderLine(string Sku, string Name, long Quantity, long UnitPrice, long LineTotal, IReadOnlyList<WebOrderAllocation> Allocations);

/// <summary>
/// A committed web order as a sale, for reports and loyalty: read it with
/// <see cref="IOrderReservationGrain.GetSaleRecordAsync"/>. Durable in the order grain's state; never changes after the
/// commit. <see cref="PickupLocationId"/> is the store that handed it over (null when shipped); the units came from
/// the allocations' locations. Prices are catalogue prices at reserve time, before any discount or tax the shop applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.WebOrderRecord")]
public sealed record WebOrderRecord(
    string OrderId,
    string Currency,
    IReadOnlyList<WebOrderLine> Lines,
    long Total,
    string? PickupLocationId,
    string? CustomerId,
    DateTimeOffset ReservedAt,
    DateTimeOffset CommittedAt);
