using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Offline cash returns from a store agent's journal to the register grain and back.</summary>
internal static class OfflineReturnMapping
{
    public static OfflineReturnCommand ToGrain(this V1.SubmitOfflineReturnRequest r) => new(
        r.ReturnId,
        r.RegisterSequence,
        r.ShiftId,
        r.CashierId,
        r.OriginalSaleId,
        [.. r.Lines.Select(l => new ReturnLineSpec(l.Sku, l.Quantity, l.HasUnitRefund ? l.UnitRefund : null))],
        r.RefundTotal,
        r.Currency,
        ProtoValues.ToDateTimeOffset(r.OccurredAt, "occurred_at") ?? throw PosException.Invalid("occurred_at is required for an offline return."),
        ProtoValues.OrNull(r.Reason));

    public static V1.SubmitOfflineReturnResponse ToProto(this OfflineReturnApplied applied) => new()
    {
        Receipt = applied.Receipt.ToProto(),
        LateForClosedShift = applied.LateForClosedShift,
        LastRegisterSequence = applied.LastRegisterSequence,
    };
}
