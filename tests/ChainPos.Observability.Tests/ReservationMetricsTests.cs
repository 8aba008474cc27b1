using ChainPos.Api.V1;
using Grpc.Core;

namespace ChainPos.Observability.Tests;

/// <summary>Reservation events in <c>/metrics</c> after reservations made, retried, refused, committed and released through gRPC.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class ReservationMetricsTests(ObservabilityFixture fixture)
{
    private const string Store = "OBS-PROM";
    private const string Sku = "TEE";

    [Fact]
    public async Task Metrics_AfterReservationsRetriedRefusedCommittedReleased_CountEachEventOnce()
    {
        var before = await fixture.ScrapeAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        await fixture.Admin.Stock.CountStockAsync(new StockOperationRequest { LocationId = Store, Sku = Sku, OperationId = "obs-count-" + run, Quantity = 5, Reason = "count" });

        ReserveStockRequest Order(string id, long quantity) => new()
        {
            OrderId = $"obs-{id}-{run}", PickupLocationId = Store, TtlSeconds = 600, Lines = { new ReserveLine { Sku = Sku, Quantity = quantity } },
        };

        await fixture.Admin.Commerce.ReserveStockAsync(Order("a", 3));
        Assert.True((await fixture.Admin.Commerce.ReserveStockAsync(Order("a", 3))).Replayed);
        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Admin.Commerce.ReserveStockAsync(Order("b", 3)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        await fixture.Admin.Commerce.ReserveStockAsync(Order("c", 2));
        await fixture.Admin.Commerce.CommitReservationAsync(new OrderRequest { OrderId = $"obs-a-{run}" });
        await fixture.Admin.Commerce.CommitReservationAsync(new OrderRequest { OrderId = $"obs-a-{run}" });
        await fixture.Admin.Commerce.ReleaseReservationAsync(new OrderRequest { OrderId = $"obs-c-{run}" });

        var after = await fixture.ScrapeAsync();
        Assert.Equal((2d, 5d), Event(before, after, "granted"));
        Assert.Equal((1d, 3d), Event(before, after, "committed"));
        Assert.Equal((1d, 2d), Event(before, after, "released"));
        Assert.Equal((0d, 0d), Event(before, after, "expired"));
        Assert.Equal(1d, Change(before, after, "chainpos_reservations_total", ("chainpos_reservation_event", "denied"), ("chainpos_reservation_denial_reason", "insufficient")));
    }

    private static (double Count, double Units) Event(MetricsText before, MetricsText after, string name) =>
        (Change(before, after, "chainpos_reservations_total", ("chainpos_reservation_event", name)),
         Change(before, after, "chainpos_reservation_units_total", ("chainpos_reservation_event", name)));

    private static double Change(MetricsText before, MetricsText after, string name, params (string, string)[] labels) =>
        after.Value(name, labels) - before.Value(name, labels);
}
