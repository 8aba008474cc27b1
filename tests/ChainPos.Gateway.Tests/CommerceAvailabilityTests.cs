using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Shop;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Availability for a product page or basket, and who may reach the commerce service.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CommerceAvailabilityTests(GatewayFixture fixture)
{
    [Fact]
    public async Task GetAvailability_FiftySkus_PerLocationAndChainTotals()
    {
        var skus = await ProductsAsync(fixture.Admin, 49, (S1, 7), (S2, 3));
        await fixture.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = S1, Sku = skus[0], SafetyStock = 2 });
        await fixture.Commerce.Commerce.ReserveStockAsync(Reserve(NewOrderId(), S2, (skus[1], 3)));
        var request = new GetAvailabilityRequest { Skus = { skus.Append("NO-SUCH-SKU") } };

        var response = await Eventually.UntilAsync(
            () => fixture.Commerce.Commerce.GetAvailabilityAsync(request).ResponseAsync,
            r => r.Skus[0].AvailableTotal == 8 && r.Skus[1].ReservedTotal == 3);

        Assert.Equal(skus, response.Skus.Select(s => s.Sku));
        Assert.Equal(["NO-SUCH-SKU"], response.MissingSkus);
        Assert.Equal([(S1, 7L, 0L, 2L, 5L), (S2, 3L, 0L, 0L, 3L)],
            response.Skus[0].Locations.Select(l => (l.LocationId, l.OnHand, l.Reserved, l.SafetyStock, l.Available)));
        Assert.Equal((10L, 3L, 7L), (response.Skus[1].OnHandTotal, response.Skus[1].ReservedTotal, response.Skus[1].AvailableTotal));
        Assert.All(response.Skus.Skip(2), s => Assert.Equal((10L, 0L, 10L, 2), (s.OnHandTotal, s.ReservedTotal, s.AvailableTotal, s.Locations.Count)));
        Assert.All(response.Skus.SelectMany(s => s.Locations), l => Assert.True(l.Version > 0));
    }

    [Fact]
    public async Task GetAvailability_LocationFilter_OnlyThoseLocations()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 4), (S2, 6)))[0];

        var response = await fixture.Commerce.Commerce.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { sku }, LocationIds = { S2, "NOWHERE" } });

        var only = Assert.Single(response.Skus);
        Assert.Equal([(S2, 6L)], only.Locations.Select(l => (l.LocationId, l.Available)));
        Assert.Equal(6, only.AvailableTotal);
    }

    [Fact]
    public async Task GetAvailability_TooManyOrNoSkus_ResourceExhaustedOrInvalid()
    {
        var commerce = fixture.Commerce.Commerce;

        await Expect.StatusAsync(StatusCode.ResourceExhausted, commerce.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { Enumerable.Range(0, 51).Select(i => $"X{i}") } }));
        await Expect.StatusAsync(StatusCode.InvalidArgument, commerce.GetAvailabilityAsync(new GetAvailabilityRequest()));
        await Expect.StatusAsync(StatusCode.InvalidArgument, commerce.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { "bad sku" } }));
    }

    [Fact]
    public async Task CommerceService_WrongCredentials_DeniedOrUnauthenticated()
    {
        var availability = new GetAvailabilityRequest { Skus = { "PEN" } };

        await Expect.StatusAsync(StatusCode.Unauthenticated, fixture.Anonymous.Commerce.GetAvailabilityAsync(availability));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Commerce.GetAvailabilityAsync(availability));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Commerce.ReserveStockAsync(Reserve(NewOrderId(), S1, ("PEN", 1))));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Commerce.CommitReservationAsync(Order(NewOrderId())));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.Commerce.Commerce.ListPickupsAsync(new ListPickupsRequest { StoreId = S1 }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Commerce.ListPickupsAsync(new ListPickupsRequest { StoreId = S2 }));
        Assert.NotNull(await fixture.Admin.Commerce.GetAvailabilityAsync(availability));
        Assert.NotNull(await fixture.S2Agent.Commerce.ListPickupsAsync(new ListPickupsRequest { StoreId = S2 }));
    }
}
