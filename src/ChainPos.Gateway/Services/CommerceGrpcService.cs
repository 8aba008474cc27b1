using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Commerce;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Services;

/// <summary>
/// The web shop's side of stock: availability and order reservations (e-commerce credential or admin), and the
/// pickup store's pick list (that store's agent or admin). Rules live in the grains; this checks access and shape.
/// The stock change stream is in <c>CommerceGrpcService.Watch.cs</c>.
/// </summary>
public sealed partial class CommerceGrpcService(IGrainFactory grains, TimeProvider time, ILogger<CommerceGrpcService> logger)
    : CommerceService.CommerceServiceBase
{
    /// <summary>SKUs per availability read: a product page or a basket.</summary>
    public const int MaxAvailabilitySkus = 50;

    /// <summary>Locations an availability read may be limited to.</summary>
    public const int MaxAvailabilityLocations = 500;

    public override async Task<GetAvailabilityResponse> GetAvailability(GetAvailabilityRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireCommerceOrAdmin();
        RequestLimits.Between1And(request.Skus.Count, MaxAvailabilitySkus, "SKUs");
        RequestLimits.AtMost(request.LocationIds.Count, MaxAvailabilityLocations, "locations");
        foreach (var sku in request.Skus)
        {
            Ids.Require(sku, "sku");
        }

        foreach (var location in request.LocationIds)
        {
            Ids.Require(location, "location_id");
        }

        var skus = request.Skus.Distinct(StringComparer.Ordinal).ToList();
        var locations = request.LocationIds.Count > 0 ? request.LocationIds.ToList() : null;
        var known = ReadCatalogueAsync(skus);
        var levels = Task.WhenAll(skus.Select(sku => grains.Grain<IAvailabilityGrain>(GrainKeys.Availability(sku)).GetAsync(locations)));
        var found = await known;
        var bySku = await levels;
        return new GetAvailabilityResponse
        {
            Skus = { skus.Select((sku, i) => (sku, i)).Where(s => found.Contains(s.sku)).Select(s => CommerceMapping.ToProto(s.sku, bySku[s.i])) },
            MissingSkus = { skus.Where(sku => !found.Contains(sku)) },
        };
    }

    public override async Task<Reservation> ReserveStock(ReserveStockRequest request, ServerCallContext context)
    {
        var order = Order(context, request.OrderId);
        await RequireEnrolledAsync(request.CustomerId);
        return (await order.ReserveAsync(request.ToGrain())).ToProto();
    }

    public override async Task<Reservation> ExtendReservation(ExtendReservationRequest request, ServerCallContext context)
    {
        var order = Order(context, request.OrderId);
        return (await order.ExtendAsync(TimeSpan.FromSeconds(request.TtlSeconds))).ToProto();
    }

    public override async Task<Reservation> CommitReservation(OrderRequest request, ServerCallContext context) =>
        (await Order(context, request.OrderId).CommitForCustomerAsync(ProtoValues.OrNull(request.CustomerId))).ToProto();

    public override async Task<Reservation> ReleaseReservation(OrderRequest request, ServerCallContext context) =>
        (await Order(context, request.OrderId).ReleaseAsync()).ToProto();

    public override async Task<Reservation> GetReservation(OrderRequest request, ServerCallContext context) =>
        (await Order(context, request.OrderId).GetAsync()).ToProto();

    public override async Task<ListPickupsResponse> ListPickups(ListPickupsRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        var entries = await grains.Grain<IPickListGrain>(GrainKeys.PickList(request.StoreId)).ListAsync();

        // An order past its expiry leaves the list when its reminder releases it; do not show it meanwhile.
        var now = time.GetUtcNow();
        return new ListPickupsResponse { Pickups = { entries.Where(e => e.ExpiresAt > now).Select(e => e.ToProto()) } };
    }

    private IOrderReservationGrain Order(ServerCallContext context, string orderId)
    {
        context.GetCaller().RequireCommerceOrAdmin();
        Ids.Require(orderId, "order_id");
        return grains.Grain<IOrderReservationGrain>(GrainKeys.Order(orderId));
    }

    private async Task<HashSet<string>> ReadCatalogueAsync(IReadOnlyList<string> skus)
    {
        var reads = skus.GroupBy(GrainKeys.CatalogShardOf)
            .Select(g => grains.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key)).GetAsync([.. g]));
        return (await Task.WhenAll(reads)).SelectMany(p => p).Select(p => p.Sku).ToHashSet(StringComparer.Ordinal);
    }
}
