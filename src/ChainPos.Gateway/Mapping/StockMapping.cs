using ChainPos.Abstractions.Stock;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Stock levels and operations.</summary>
internal static class StockMapping
{
    public static StockOperation ToGrain(this V1.StockOperationRequest request, StockOperationKind kind) =>
        new(request.OperationId, kind, request.Quantity, ProtoValues.OrNull(request.Reason));

    public static V1.StockLevel ToProto(this StockLevel level) => new()
    {
        LocationId = level.LocationId,
        Sku = level.Sku,
        OnHand = level.OnHand,
        Reserved = level.Reserved,
        SafetyStock = level.SafetyStock,
        Available = level.Available,
        ReorderPoint = level.ReorderPoint,
        Negative = level.Negative,
        TargetLevel = level.TargetLevel,
        OfflineQuota = level.OfflineQuota,
    };

    public static V1.StockMovement ToProto(this StockMovement movement) => new()
    {
        At = ProtoValues.ToTimestamp(movement.At),
        Kind = (V1.StockMovementKind)(int)movement.Kind,
        Quantity = movement.Quantity,
        OnHandAfter = movement.OnHandAfter,
        Reference = movement.Reference,
    };
}
