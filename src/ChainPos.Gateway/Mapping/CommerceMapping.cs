using ChainPos.Abstractions.Commerce;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Reservations, availability and pick lists.</summary>
internal static class CommerceMapping
{
    public static ReserveCommand ToGrain(this V1.ReserveStockRequest request) => new(
        [.. request.Lines.Select(l => new OrderLineSpec(l.Sku, l.Quantity))],
        ProtoValues.OrNull(request.PickupLocationId),
        [.. request.ShipFromLocationIds],
        TimeSpan.FromSeconds(request.TtlSeconds),
        ProtoValues.OrNull(request.CustomerId));

    public static V1.Reservation ToProto(this ReservationView view) => new()
    {
        OrderId = view.OrderId,
        Status = view.Status switch
        {
            ReservationStatus.Active => V1.ReservationStatus.Active,
            ReservationStatus.Committed => V1.ReservationStatus.Committed,
            ReservationStatus.Released => V1.ReservationStatus.Released,
            ReservationStatus.Expired => V1.ReservationStatus.Expired,
            _ => V1.ReservationStatus.Unspecified,
        },
        PickupLocationId = view.PickupLocationId ?? "",
        Currency = view.Currency,
        Lines =
        {
            view.Lines.Select(l => new V1.ReservationLine
            {
                Sku = l.Sku,
                Name = l.Name,
                Quantity = l.Quantity,
                UnitPrice = l.UnitPrice,
                LineTotal = l.LineTotal,
                Allocations = { l.Allocations.Select(a => new V1.Allocation { LocationId = a.LocationId, Quantity = a.Quantity }) },
            }),
        },
        Total = view.Total,
        CreatedAt = ProtoValues.ToTimestamp(view.CreatedAt),
        ExpiresAt = ProtoValues.ToTimestamp(view.ExpiresAt),
        FinishedAt = view.FinishedAt is { } finished ? ProtoValues.ToTimestamp(finished) : null,
        Replayed = view.Replayed,
        CustomerId = view.CustomerId ?? "",
    };

    public static V1.SkuAvailability ToProto(string sku, IReadOnlyList<LocationAvailability> levels) => new()
    {
        Sku = sku,
        Locations = { levels.Select(l => l.ToProto()) },
        OnHandTotal = levels.Sum(l => l.OnHand),
        ReservedTotal = levels.Sum(l => l.Reserved),
        AvailableTotal = levels.Sum(l => l.Available),
    };

    public static V1.LocationStock ToProto(this LocationAvailability level) => new()
    {
        LocationId = level.LocationId,
        OnHand = level.OnHand,
        Reserved = level.Reserved,
        SafetyStock = level.SafetyStock,
        Available = level.Available,
        Version = level.Version,
        UpdatedAt = ProtoValues.ToTimestamp(level.UpdatedAt),
    };

    public static V1.StockChange ToProto(this AvailabilityChange change, string sku) => new()
    {
        Sku = sku,
        Level = change.Level.ToProto(),
        Sequence = change.Sequence,
    };

    public static V1.StockChange ToProto(this LocationStockChange change) => new()
    {
        Sku = change.Sku,
        Level = change.Level.ToProto(),
        LocationSequence = change.Sequence,
    };

    public static V1.Pickup ToProto(this PickupEntry entry) => new()
    {
        OrderId = entry.OrderId,
        Items = { entry.Lines.Select(l => new V1.PickupItem { Sku = l.Sku, Name = l.Name, Quantity = l.Quantity }) },
        ReservedAt = ProtoValues.ToTimestamp(entry.ReservedAt),
        ExpiresAt = ProtoValues.ToTimestamp(entry.ExpiresAt),
    };
}
