using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Shop;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>The web shop's reservation lifecycle through gRPC, with the e-commerce credential.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CommerceReservationTests(GatewayFixture fixture)
{
    private CommerceService.CommerceServiceClient Web => fixture.Commerce.Commerce;

    [Fact]
    public async Task ReserveStock_PickupThenCommit_StockAndPickListExact()
    {
        var skus = await ProductsAsync(fixture.Admin, 2, (S1, 10));
        var orderId = NewOrderId();

        var reserved = await Web.ReserveStockAsync(Reserve(orderId, S1, (skus[0], 2), (skus[1], 3)));

        Assert.Equal((orderId, ReservationStatus.Active, S1, Currency, 800L, false), (reserved.OrderId, reserved.Status, reserved.PickupLocationId, reserved.Currency, reserved.Total, reserved.Replayed));
        Assert.Equal([(skus[0], 2L, 100L, 200L, S1), (skus[1], 3L, 200L, 600L, S1)],
            reserved.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice, l.LineTotal, Assert.Single(l.Allocations).LocationId)));
        Assert.Equal(TimeSpan.FromSeconds(Ttl), reserved.ExpiresAt.ToDateTimeOffset() - reserved.CreatedAt.ToDateTimeOffset());
        Assert.Null(reserved.FinishedAt);
        Assert.Equal((10L, 2L), await LevelAsync(fixture.Admin, S1, skus[0]));
        Assert.Contains(orderId, await PickListAsync(fixture.S1Agent));

        var committed = await Web.CommitReservationAsync(Order(orderId));
        var again = await Web.CommitReservationAsync(Order(orderId));

        Assert.Equal((ReservationStatus.Committed, false, true), (committed.Status, committed.Replayed, again.Replayed));
        Assert.NotNull(committed.FinishedAt);
        Assert.Equal((8L, 0L), await LevelAsync(fixture.Admin, S1, skus[0]));
        Assert.Equal((7L, 0L), await LevelAsync(fixture.Admin, S1, skus[1]));
        Assert.DoesNotContain(orderId, await PickListAsync(fixture.S1Agent));
        Assert.Equal(ReservationStatus.Committed, (await Web.GetReservationAsync(Order(orderId))).Status);
    }

    [Fact]
    public async Task ReserveStock_NoPickup_SplitsAcrossLocationsMostAvailableFirst()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 4), (S2, 2), (Warehouse, 5)))[0];

        var reserved = await Web.ReserveStockAsync(Reserve(NewOrderId(), "", (sku, 8)));

        Assert.Equal([(Warehouse, 5L), (S1, 3L)], Assert.Single(reserved.Lines).Allocations.Select(a => (a.LocationId, a.Quantity)));
        var availability = await Eventually.UntilAsync(
            () => Web.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { sku } }).ResponseAsync,
            r => r.Skus[0].ReservedTotal == 8);
        var total = Assert.Single(availability.Skus);
        Assert.Equal((11L, 8L, 3L), (total.OnHandTotal, total.ReservedTotal, total.AvailableTotal));
        Assert.Equal([(S1, 1L), (S2, 2L), (Warehouse, 0L)], total.Locations.Select(l => (l.LocationId, l.Available)));
    }

    [Fact]
    public async Task ReserveStock_LineShort_FailedPreconditionNamesSkuAndNothingHeld()
    {
        var skus = await ProductsAsync(fixture.Admin, 2, (S2, 3));
        var orderId = NewOrderId();

        var error = await Expect.StatusAsync(StatusCode.FailedPrecondition, Web.ReserveStockAsync(Reserve(orderId, S2, (skus[0], 1), (skus[1], 4))));

        Assert.Equal($"SKU '{skus[1]}': 3 available at {S2}, the order needs 4. Nothing was reserved.", error.Status.Detail);
        Assert.Equal((3L, 0L), await LevelAsync(fixture.Admin, S2, skus[0]));
        Assert.Equal((3L, 0L), await LevelAsync(fixture.Admin, S2, skus[1]));
        await Expect.StatusAsync(StatusCode.NotFound, Web.GetReservationAsync(Order(orderId)));
    }

    [Fact]
    public async Task ReleaseReservation_Retried_GivesBackOnceAndCommitRefused()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 6)))[0];
        var orderId = NewOrderId();
        await Web.ReserveStockAsync(Reserve(orderId, S1, (sku, 4)));
        var retry = await Web.ReserveStockAsync(Reserve(orderId, S1, (sku, 4)));

        var released = await Web.ReleaseReservationAsync(Order(orderId));
        var again = await Web.ReleaseReservationAsync(Order(orderId));

        Assert.True(retry.Replayed);
        Assert.Equal((ReservationStatus.Released, false, true), (released.Status, released.Replayed, again.Replayed));
        Assert.Equal((6L, 0L), await LevelAsync(fixture.Admin, S1, sku));
        await Expect.StatusAsync(StatusCode.FailedPrecondition, Web.CommitReservationAsync(Order(orderId)));
        await Expect.StatusAsync(StatusCode.FailedPrecondition, Web.ExtendReservationAsync(new ExtendReservationRequest { OrderId = orderId, TtlSeconds = 600 }));
        await Expect.StatusAsync(StatusCode.AlreadyExists, Web.ReserveStockAsync(Reserve(orderId, S1, (sku, 5))));
        Assert.Equal((6L, 0L), await LevelAsync(fixture.Admin, S1, sku));
    }

    [Fact]
    public async Task ExtendReservation_Active_ExpiryCountsFromNow()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 1)))[0];
        var orderId = NewOrderId();
        var reserved = await Web.ReserveStockAsync(Reserve(orderId, S1, (sku, 1)));

        var extended = await Web.ExtendReservationAsync(new ExtendReservationRequest { OrderId = orderId, TtlSeconds = 7 * 24 * 3600 });

        Assert.Equal(ReservationStatus.Active, extended.Status);
        Assert.True(extended.ExpiresAt.ToDateTimeOffset() - reserved.CreatedAt.ToDateTimeOffset() >= TimeSpan.FromDays(7));
        var pickup = (await fixture.S1Agent.Commerce.ListPickupsAsync(new ListPickupsRequest { StoreId = S1 })).Pickups.Single(p => p.OrderId == orderId);
        Assert.Equal(extended.ExpiresAt, pickup.ExpiresAt);
        Assert.Equal([(sku, 1L)], pickup.Items.Select(i => (i.Sku, i.Quantity)));
    }

    [Fact]
    public async Task ReserveStock_BadInput_ClearStatusAndNothingChanged()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 5)))[0];
        var orderId = NewOrderId();

        await Expect.StatusAsync(StatusCode.InvalidArgument, Web.ReserveStockAsync(Reserve(orderId, S1, (sku, 0))));
        await Expect.StatusAsync(StatusCode.InvalidArgument, Web.ReserveStockAsync(Reserve(orderId, S1, (sku, -1))));
        await Expect.StatusAsync(StatusCode.InvalidArgument, Web.ReserveStockAsync(Reserve(orderId, S1)));
        await Expect.StatusAsync(StatusCode.InvalidArgument, Web.ReserveStockAsync(Reserve("", S1, (sku, 1))));
        await Expect.StatusAsync(StatusCode.InvalidArgument, Web.ReserveStockAsync(new ReserveStockRequest(Reserve(orderId, S1, (sku, 1))) { TtlSeconds = 0 }));
        await Expect.StatusAsync(StatusCode.InvalidArgument, Web.ReserveStockAsync(new ReserveStockRequest(Reserve(orderId, S1, (sku, 1))) { TtlSeconds = 604_801 }));
        await Expect.StatusAsync(StatusCode.NotFound, Web.ReserveStockAsync(Reserve(orderId, S1, ("NO-SUCH-SKU", 1))));
        await Expect.StatusAsync(StatusCode.NotFound, Web.ReserveStockAsync(Reserve(orderId, "NO-SUCH-STORE", (sku, 1))));
        await Expect.StatusAsync(StatusCode.FailedPrecondition, Web.ReserveStockAsync(Reserve(orderId, S1, ("OLD", 1))));
        await Expect.StatusAsync(StatusCode.NotFound, Web.CommitReservationAsync(Order(orderId)));
        await Expect.StatusAsync(StatusCode.NotFound, Web.ReleaseReservationAsync(Order(orderId)));

        Assert.Equal((5L, 0L), await LevelAsync(fixture.Admin, S1, sku));
        await Expect.StatusAsync(StatusCode.NotFound, Web.GetReservationAsync(Order(orderId)));
    }
}
