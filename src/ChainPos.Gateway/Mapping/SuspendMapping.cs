using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Parked baskets.</summary>
internal static class SuspendMapping
{
    public static SuspendedSale ToGrain(this V1.SuspendSaleRequest request, DateTimeOffset now) => new(
        request.SuspendId,
        request.Label,
        request.RegisterId,
        request.Lines.ToGrain(),
        ProtoValues.OrNull(request.CustomerId),
        now);

    public static V1.SuspendedSale ToProto(this SuspendedSale sale) => new()
    {
        SuspendId = sale.SuspendId,
        Label = sale.Label,
        RegisterId = sale.RegisterId,
        Lines = { sale.Lines.Select(l => l.ToProto()) },
        CustomerId = sale.CustomerId ?? "",
        SuspendedAt = ProtoValues.ToTimestamp(sale.SuspendedAt),
    };
}
