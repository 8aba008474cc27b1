using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Shop;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Collecting a pickup order at the register through gRPC, with the store agent's credential.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CommercePickupTests(GatewayFixture fixture)
{
    private static CollectPickupRequest Collect(string store, string orderId) => new() { StoreId = store, OrderId = orderId };

    [Fact]
    public async Task CollectPickup_ByItsStore_CommitsOnceLeavesPickListRetrySafe()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 6)))[0];
        var orderId = NewOrderId();
        await fixture.Commerce.Commerce.ReserveStockAsync(Reserve(orderId, S1, (sku, 2)));
        Assert.Contains(orderId, await PickListAsync(fixture.S1Agent));

        var collected = await fixture.S1Agent.Commerce.CollectPickupAsync(Collect(S1, orderId));
        var retry = await fixture.S1Agent.Commerce.CollectPickupAsync(Collect(S1, orderId));

        Assert.Equal((ReservationStatus.Committed, false, true), (collected.Status, collected.Replayed, retry.Replayed));
        Assert.Equal((4L, 0L), await LevelAsync(fixture.Admin, S1, sku));
        Assert.DoesNotContain(orderId, await PickListAsync(fixture.S1Agent));
    }

    [Fact]
    public async Task CollectPickup_OtherStoreOrWebCredential_DeniedAndNothingChanged()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 6)))[0];
        var orderId = NewOrderId();
        await fixture.Commerce.Commerce.ReserveStockAsync(Reserve(orderId, S1, (sku, 2)));

        var otherStore = await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S2Agent.Commerce.CollectPickupAsync(Collect(S2, orderId)));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S2Agent.Commerce.CollectPickupAsync(Collect(S1, orderId)));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.Commerce.Commerce.CollectPickupAsync(Collect(S1, orderId)));
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Commerce.CollectPickupAsync(Collect(S1, "bad id!")));

        Assert.Equal($"Order '{orderId}' is for pickup at store {S1}, not {S2}.", otherStore.Status.Detail);
        Assert.Equal((6L, 2L), await LevelAsync(fixture.Admin, S1, sku));
        Assert.Contains(orderId, await PickListAsync(fixture.S1Agent));
    }

    [Fact]
    public async Task CollectPickup_ReleasedOrShipped_FailedPrecondition()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 6)))[0];
        var released = NewOrderId();
        var shipped = NewOrderId();
        await fixture.Commerce.Commerce.ReserveStockAsync(Reserve(released, S1, (sku, 1)));
        await fixture.Commerce.Commerce.ReleaseReservationAsync(Order(released));
        await fixture.Commerce.Commerce.ReserveStockAsync(Reserve(shipped, "", (sku, 1)));

        var rel = await Expect.StatusAsync(StatusCode.FailedPrecondition, fixture.S1Agent.Commerce.CollectPickupAsync(Collect(S1, released)));
        var shp = await Expect.StatusAsync(StatusCode.FailedPrecondition, fixture.S1Agent.Commerce.CollectPickupAsync(Collect(S1, shipped)));
        await Expect.StatusAsync(StatusCode.NotFound, fixture.S1Agent.Commerce.CollectPickupAsync(Collect(S1, NewOrderId())));

        Assert.Equal($"The reservation of order '{released}' was released; it cannot be committed. Reserve again.", rel.Status.Detail);
        Assert.Equal($"Order '{shipped}' is shipped, not picked up in a store; it cannot be collected at a register.", shp.Status.Detail);
        Assert.Equal((6L, 1L), await LevelAsync(fixture.Admin, S1, sku));
    }
}
