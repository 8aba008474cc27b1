using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Each caller reaches only its own: checked through the real auth interceptor.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AccessTests(GatewayFixture fixture)
{
    private static readonly GetShiftReportRequest S1Report = new() { StoreId = S1, RegisterId = "R1" };

    [Fact]
    public async Task AnyRpc_NoToken_Unauthenticated()
    {
        await Expect.StatusAsync(StatusCode.Unauthenticated, fixture.Anonymous.Checkout.GetShiftReportAsync(S1Report));
        await Expect.StatusAsync(StatusCode.Unauthenticated, fixture.Anonymous.Catalog.SyncCatalogAsync(new SyncCatalogRequest()));
    }

    [Fact]
    public async Task AnyRpc_WrongToken_Unauthenticated()
    {
        await Expect.StatusAsync(StatusCode.Unauthenticated, fixture.WrongToken.Checkout.GetShiftReportAsync(S1Report));
        await Expect.StatusAsync(StatusCode.Unauthenticated, fixture.WrongToken.Stores.GetStoreAsync(new GetStoreRequest { StoreId = S1 }));
    }

    [Fact]
    public async Task StoreCredential_OnOtherStore_PermissionDenied()
    {
        var s1 = fixture.S1Agent;
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = S2, RegisterId = "R1", ShiftId = "intruder", CashierId = Cashier, CashierPin = CashierPin,
        }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Checkout.ListSuspendedSalesAsync(new ListSuspendedSalesRequest { StoreId = S2 }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Stock.GetStockAsync(new GetStockRequest { LocationId = S2, Skus = { "PEN" } }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Stock.TransferStockAsync(new TransferStockRequest
        {
            FromLocationId = S2, ToLocationId = S1, Sku = "PEN", OperationId = "steal", Quantity = 1,
        }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Stores.GetStoreAsync(new GetStoreRequest { StoreId = S2 }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Loyalty.HoldPointsAsync(new HoldPointsRequest { CustomerId = Customer, HoldId = "h-s2", Points = 1, StoreId = S2 }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = "C-S2", DisplayName = "Bo", StoreId = S2 }));
    }

    [Fact]
    public async Task CommerceCredential_OnCheckout_PermissionDenied()
    {
        var commerce = fixture.Commerce;
        await Expect.StatusAsync(StatusCode.PermissionDenied, commerce.Checkout.GetShiftReportAsync(S1Report));
        await Expect.StatusAsync(StatusCode.PermissionDenied, commerce.Checkout.CompleteSaleAsync(Till.Sale("R1", "commerce-sale", [Till.Line("PEN", 1)], [Till.Cash(150)])));
        await Expect.StatusAsync(StatusCode.PermissionDenied, commerce.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = Customer }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, commerce.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = GiftCard }));
    }

    [Fact]
    public async Task CommerceCredential_ReadsCatalogue_Allowed()
    {
        var products = await fixture.Commerce.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { "PEN" } });
        Assert.Equal(150, Assert.Single(products.Products).Price);
        var page = await fixture.Commerce.Catalog.SyncCatalogAsync(new SyncCatalogRequest { PageSize = 1 });
        Assert.Single(page.Products);
    }

    [Fact]
    public async Task StoreCredential_OnAdminRpcs_PermissionDenied()
    {
        var s1 = fixture.S1Agent;
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(S1, S1Registers) }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "s1-upsert", Products = { Product("HACK", "Hack", 1, "standard", "misc") } }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.Catalog.ImportProductsAsync(new ImportProductsRequest { OperationId = "s1-import" }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, s1.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = "6000000000000099", OperationId = "s1-issue", Amount = 100, Currency = Currency }));
    }

    [Fact]
    public async Task GetStore_OwnStore_ReturnsConfigWithoutPins()
    {
        var store = await fixture.S2Agent.Stores.GetStoreAsync(new GetStoreRequest { StoreId = S2 });

        Assert.Equal((S2, "Store S2", "EUR", "Europe/Berlin", 1000, 1L), (store.StoreId, store.Name, store.Currency, store.TimeZone, store.CashierDiscountLimitBasisPoints, store.Version));
        Assert.Equal(["R1", "R2"], store.RegisterIds);
        Assert.All(store.Employees, e => Assert.Equal("", e.Pin));
        var expected = Store(S2, ["R1", "R2"]);
        foreach (var employee in expected.Employees)
        {
            employee.Pin = "";
        }

        expected.Version = 1;
        Assert.Equal(expected, store);
    }
}
