using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>Collecting a pickup order at the register, with the pickup store's credential.</summary>
public sealed partial class CommerceGrpcService
{
    public override async Task<Reservation> CollectPickup(CollectPickupRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        Ids.Require(request.OrderId, "order_id");
        var order = grains.GetGrain<IOrderReservationGrain>(GrainKeys.Order(request.OrderId));
        return (await order.CollectAsync(request.StoreId)).ToProto();
    }
}
