using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class StoreAdminTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ConfigureStore_EmployeeWithoutPin_KeepsStoredPin()
    {
        var config = Store("S3", ["R1"]);
        var first = await fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = config });
        Assert.Equal(1, first.Version);

        foreach (var employee in config.Employees)
        {
            employee.Pin = "";
        }

        config.Name = "Store three";
        var second = await fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = config });
        Assert.Equal((2L, "Store three"), (second.Version, second.Name));

        var opened = await fixture.Admin.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = "S3", RegisterId = "R1", ShiftId = "s3-shift", CashierId = Cashier, CashierPin = CashierPin });
        Assert.Equal("s3-shift", opened.ShiftId);
    }

    [Fact]
    public async Task ConfigureStore_BadPin_InvalidArgument()
    {
        var config = Store("S4", ["R1"]);
        config.Employees[0].Pin = "12a";
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = config }));
        Assert.Equal("Employee 'E1': a PIN must be 4 to 8 digits.", error.Status.Detail);
    }

    [Fact]
    public async Task ConfigureStore_UnspecifiedRole_InvalidArgument()
    {
        var config = Store("S4", ["R1"]);
        config.Employees[0].Role = EmployeeRole.Unspecified;
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = config }));
    }

    [Fact]
    public async Task ConfigureStore_NewEmployeeWithoutPin_InvalidArgument()
    {
        var config = Store("S4", ["R1"]);
        config.Employees[0].Pin = "";
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = config }));
    }

    [Fact]
    public async Task ConfigureStore_PromotionWithoutRule_InvalidArgument()
    {
        var config = Store("S4", ["R1"]);
        config.Promotions.Add(new PromotionConfig { PromotionId = "EMPTY", Name = "No rule" });
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = config }));
    }

    [Fact]
    public async Task ConfigureStore_NoStore_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest()));
    }

    [Fact]
    public async Task GetStore_UnknownStore_NotFound()
    {
        await Expect.StatusAsync(StatusCode.NotFound, fixture.Admin.Stores.GetStoreAsync(new GetStoreRequest { StoreId = "S404" }));
    }
}
