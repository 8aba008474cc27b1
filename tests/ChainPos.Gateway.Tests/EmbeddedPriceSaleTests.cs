using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Till;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Scale labels (price-embedded EAN-13) on CompleteSale, and enrolment by a store's agent.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EmbeddedPriceSaleTests(GatewayFixture fixture)
{
    private const string Register = "R5";
    private readonly Clients _s1 = fixture.S1Agent;

    private static SaleLine Label(string barcode, string sku = "CHEESE", int quantity = 1) => new() { Sku = sku, Quantity = quantity, EmbeddedBarcode = barcode };

    [Fact]
    public async Task CompleteSale_ScaleLabels_SoldAtTheLabelPriceWithoutSupervisor_BadLabelsChangeNothing()
    {
        // Cheese is sold by scale label: its item 2112345 is listed as the price-embedded code with price 00000.
        await fixture.Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "seed-cheese", Products = { Product("CHEESE", "Cheese by weight", 1500, "reduced", "food", "2112345000008") },
        });
        await OpenShiftAsync(_s1, Register);

        var badCheck = await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.CompleteSaleAsync(Sale(Register, "lbl-bad-1", [Label("2112345002508")], [Cash(250)])));
        Assert.Equal("Line 1: '2112345002508' is not a price-embedded EAN-13 (13 digits, prefix 2, valid check digit); scan the label again.", badCheck.Status.Detail);
        var otherItem = await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.CompleteSaleAsync(Sale(Register, "lbl-bad-2", [Label("2112345002507", sku: "PEN")], [Cash(250)])));
        Assert.StartsWith("Line 1: label item 2112345 is not SKU 'PEN'", otherItem.Status.Detail, StringComparison.Ordinal);
        var twice = await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.CompleteSaleAsync(Sale(Register, "lbl-bad-3", [Label("2112345002507", quantity: 2)], [Cash(500)])));
        Assert.StartsWith("Line 1: a price-embedded item is sold one label at a time", twice.Status.Detail, StringComparison.Ordinal);

        // Two packages of cheese (2.50 and 12.34): no supervisor, although the label prices differ from the shelf price.
        // (Only cheese is sold here: the other products' stock is counted by other tests of this fixture.)
        var request = Sale(Register, "lbl-sale", [Label("2112345002507"), Label("2112345012346")], [Cash(2000)]);
        request.ExpectedTotal = 250 + 1234;
        var receipt = await _s1.Checkout.CompleteSaleAsync(request);

        Assert.Equal((1L, 1484L, 516L), (receipt.ReceiptSequence, receipt.Total, receipt.Change));
        Assert.Equal(
            [("CHEESE", 1, 250L, 250L), ("CHEESE", 1, 1234L, 1234L)],
            receipt.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice, l.Net)));
        var x = await _s1.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = S1, RegisterId = Register });
        Assert.Equal((1, 1484L), (x.SalesCount, x.SalesTotal));
    }

    [Fact]
    public async Task EnrolCustomer_ByTheStoresAgent_OnceByIdAndBadInputEnrolsNothing()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = "CUST-TILL", DisplayName = "  ", StoreId = S1 }));
        await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = "CUST-TILL", DisplayName = "Eve", Email = "eve-at-example", StoreId = S1 }));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S2Agent.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = "CUST-TILL", DisplayName = "Eve", StoreId = S1 }));
        await Expect.StatusAsync(StatusCode.NotFound, _s1.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = "CUST-TILL" }));

        var request = new EnrolCustomerRequest { CustomerId = "CUST-TILL", DisplayName = "Eve", Email = "eve@example.com", StoreId = S1 };
        var first = await _s1.Loyalty.EnrolCustomerAsync(request);
        var retried = await _s1.Loyalty.EnrolCustomerAsync(request);

        Assert.Equal(("CUST-TILL", "Eve", 0L), (first.CustomerId, first.DisplayName, first.Points));
        Assert.Equal(first, retried);
        Assert.Equal(first.EnrolledAt, (await fixture.S2Agent.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = "CUST-TILL" })).EnrolledAt);
    }
}
