using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>Collecting a pickup order at the register, with the pickup store's credential; the customer check of reservations.</summary>
public sealed partial class CommerceGrpcService
{
    public override async Task<Reservation> CollectPickup(CollectPickupRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        Ids.Require(request.OrderId, "order_id");
        var order = grains.Grain<IOrderReservationGrain>(GrainKeys.Order(request.OrderId));
        return (await order.CollectAsync(request.StoreId, ProtoValues.OrNull(request.CustomerId))).ToProto();
    }

    /// <summary>A customer named on a reservation must be enrolled (checked before anything is reserved).</summary>
    private async Task RequireEnrolledAsync(string customerId)
    {
        if (customerId.Length == 0)
        {
            return;
        }

        Ids.Require(customerId, "customer_id");
        if (await grains.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(customerId)).GetAsync() is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Customer '{customerId}' is not enrolled in loyalty."));
        }
    }
}
