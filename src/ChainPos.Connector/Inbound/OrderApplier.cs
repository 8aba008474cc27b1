using ChainPos.Api.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.Connector.Inbound;

/// <summary>
/// Turns an order event into its gateway call: created → ReserveStock, paid → CommitReservation (for a pickup order:
/// ExtendReservation by the pickup hold; the store commits it when the customer collects it), cancelled →
/// ReleaseReservation. Every call is idempotent by order id on the server, so applying an event again is safe.
/// </summary>
internal sealed class OrderApplier(Gateway gateway, IOptions<ConnectorOptions> options)
{
    /// <summary>Applies the event; answers a short outcome for the inbox. Throws <see cref="RpcException"/> when the gateway refuses or fails.</summary>
    public async Task<string> ApplyAsync(OrderEvent evt, CancellationToken cancellationToken)
    {
        var call = gateway.Call(cancellationToken);
        var commerce = gateway.Commerce;
        switch (evt.Type)
        {
            case OrderEventType.Created:
                var reserved = await commerce.ReserveStockAsync(ToRequest(evt), call);
                return Outcome("reserved", reserved);
            case OrderEventType.Paid:
                var order = new OrderRequest { OrderId = evt.OrderId };
                var current = await commerce.GetReservationAsync(order, call);
                if (current.PickupLocationId.Length > 0 && current.Status == ReservationStatus.Active)
                {
                    // A pickup order is committed when the customer collects it at the register (CollectPickup); paid
                    // online, it is held for pickup meanwhile. Extending again on a repeat is harmless.
                    var held = await commerce.ExtendReservationAsync(new ExtendReservationRequest { OrderId = evt.OrderId, TtlSeconds = options.Value.PickupHoldSeconds }, gateway.Call(cancellationToken));
                    return $"paid, held for pickup at {held.PickupLocationId} until {held.ExpiresAt.ToDateTimeOffset():u}";
                }

                return Outcome("committed", await commerce.CommitReservationAsync(order, call));
            default:
                try
                {
                    return Outcome("released", await commerce.ReleaseReservationAsync(new OrderRequest { OrderId = evt.OrderId }, call));
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    // Nothing was ever reserved for the order (e.g. its order.created was refused): nothing to give back.
                    return "nothing reserved: " + e.Status.Detail;
                }
        }
    }

    /// <summary>Business refusals a retry cannot change: the event is parked. Everything else is retried.</summary>
    public static bool IsPermanent(RpcException e) => e.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound
        or StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.ResourceExhausted or StatusCode.OutOfRange;

    private ReserveStockRequest ToRequest(OrderEvent evt) => new()
    {
        OrderId = evt.OrderId,
        PickupLocationId = evt.PickupLocationId ?? "",
        ShipFromLocationIds = { evt.ShipFromLocationIds },
        TtlSeconds = evt.TtlSeconds ?? options.Value.DefaultTtlSeconds,
        CustomerId = evt.CustomerId ?? "",
        Lines = { evt.Lines.Select(l => new ReserveLine { Sku = l.Sku, Quantity = l.Quantity }) },
    };

    private static string Outcome(string what, Reservation r) =>
        $"{what}: {r.Status.ToString().ToLowerInvariant()}{(r.Replayed ? " (repeat)" : "")}, total {r.Total} {r.Currency}";
}
