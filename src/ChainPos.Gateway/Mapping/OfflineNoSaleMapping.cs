using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Offline no-sale drawer openings from a store agent's journal to the register grain and back.</summary>
internal static class OfflineNoSaleMapping
{
    public static OfflineNoSaleCommand ToGrain(this V1.SubmitOfflineNoSaleRequest r) => new(
        r.OperationId,
        r.RegisterSequence,
        r.ShiftId,
        r.Reason,
        ProtoValues.ToDateTimeOffset(r.OccurredAt, "occurred_at") ?? throw PosException.Invalid("occurred_at is required for an offline no-sale."));

    public static V1.SubmitOfflineNoSaleResponse ToProto(this OfflineNoSaleApplied applied) => new()
    {
        OperationId = applied.OperationId,
        Replayed = applied.Replayed,
        LastRegisterSequence = applied.LastRegisterSequence,
    };
}
