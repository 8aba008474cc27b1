namespace ChainPos.Connector.Inbound;

/// <summary>What happened to a shop order.</summary>
public enum OrderEventType
{
    /// <summary><c>order.created</c>: reserve the stock.</summary>
    Created,

    /// <summary><c>order.paid</c>: commit the reservation.</summary>
    Paid,

    /// <summary><c>order.cancelled</c>: release the reservation.</summary>
    Cancelled,
}

/// <summary>A line of a created order.</summary>
public sealed record OrderEventLine(string Sku, long Quantity);

/// <summary>
/// One order event of the web shop, as validated by <see cref="OrderEventParser"/>. The lines and where to reserve are
/// only present for <see cref="OrderEventType.Created"/>.
/// </summary>
public sealed record OrderEvent(
    string EventId,
    OrderEventType Type,
    string OrderId,
    IReadOnlyList<OrderEventLine> Lines,
    string? PickupLocationId,
    IReadOnlyList<string> ShipFromLocationIds,
    int? TtlSeconds,
    string? CustomerId);
