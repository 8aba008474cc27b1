using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Returns and voids to register commands.</summary>
internal static class ReturnMapping
{
    public static ReturnCommand ToGrain(this V1.ReturnItemsRequest request) => new(
        request.ReturnId,
        ProtoValues.OrNull(request.OriginalSaleId),
        [.. request.Lines.Select(l => new ReturnLineSpec(l.Sku, l.Quantity, l.HasUnitRefund ? l.UnitRefund : null))],
        request.RefundTenders.ToGrain(),
        request.Currency,
        ProtoValues.OrNull(request.SupervisorId),
        ProtoValues.OrNull(request.SupervisorPin),
        ProtoValues.OrNull(request.Reason));

    public static VoidCommand ToGrain(this V1.VoidSaleRequest request) =>
        new(request.VoidId, request.SaleId, request.SupervisorId, request.SupervisorPin, ProtoValues.OrNull(request.Reason));
}
