using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Till;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CheckoutReturnTests(GatewayFixture fixture)
{
    private readonly Clients _s1 = fixture.S1Agent;

    [Fact]
    public async Task ReturnItems_PartialAgainstReceipt_RefundsWhatWasPaidPerUnit()
    {
        await OpenShiftAsync(_s1, "R3", openingFloat: 5000);
        var sale = await _s1.Checkout.CompleteSaleAsync(Sale("R3", "r3-sale-1", [Line("SOCKS", 3), Line("BREAD", 2)], [Cash(2315)]));
        Assert.Equal((2315L, 333L, "S1-R3-000001"), (sale.Total, sale.TaxTotal, sale.ReceiptNumber));
        await StockWhenAsync(_s1, new() { ["SOCKS"] = 97, ["BREAD"] = 98 });

        var refund = await _s1.Checkout.ReturnItemsAsync(Return("R3", "r3-return-1", "r3-sale-1", ("SOCKS", 1), Cash(599)));

        Assert.Equal(("r3-return-1", 2L, "S1-R3-000002", "EUR", 599L, 100L, false), (refund.ReturnId, refund.ReceiptSequence, refund.ReceiptNumber, refund.Currency, refund.RefundTotal, refund.TaxRefunded, refund.Replayed));
        var line = Assert.Single(refund.Lines);
        Assert.Equal(("SOCKS", 1, 599L, 599L, 0L, 100L), (line.Sku, line.Quantity, line.Gross, line.Net, line.Discount, line.Tax));
        var stock = await StockWhenAsync(_s1, new() { ["SOCKS"] = 98, ["BREAD"] = 98 });
        Assert.Equal(98, stock["SOCKS"]);

        var again = await _s1.Checkout.ReturnItemsAsync(Return("R3", "r3-return-1", "r3-sale-1", ("SOCKS", 1), Cash(599)));
        Assert.Equal((true, 2L, 599L), (again.Replayed, again.ReceiptSequence, again.RefundTotal));

        var tooMany = await Expect.StatusAsync(StatusCode.FailedPrecondition,
            _s1.Checkout.ReturnItemsAsync(Return("R3", "r3-return-2", "r3-sale-1", ("SOCKS", 3), Cash(1797))));
        Assert.Contains("Only 2 more of SKU 'SOCKS'", tooMany.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnItems_WithoutReceipt_NeedsSupervisorPin()
    {
        await OpenShiftAsync(_s1, "R8", openingFloat: 5000);
        var request = Return("R8", "r8-return-1", originalSaleId: "", ("CAP", 1), Cash(1250));

        await Expect.StatusAsync(StatusCode.PermissionDenied, _s1.Checkout.ReturnItemsAsync(request));
        request.SupervisorId = Supervisor;
        request.SupervisorPin = "0000";
        await Expect.StatusAsync(StatusCode.PermissionDenied, _s1.Checkout.ReturnItemsAsync(request));
        request.SupervisorId = Cashier;
        request.SupervisorPin = CashierPin;
        var cashier = await Expect.StatusAsync(StatusCode.PermissionDenied, _s1.Checkout.ReturnItemsAsync(request));
        Assert.Contains("Supervisor or above", cashier.Status.Detail, StringComparison.Ordinal);

        request.SupervisorId = Supervisor;
        request.SupervisorPin = SupervisorPin;
        var refund = await _s1.Checkout.ReturnItemsAsync(request);

        // Refused attempts used no receipt number.
        Assert.Equal((1L, "S1-R8-000001", 1250L, 208L), (refund.ReceiptSequence, refund.ReceiptNumber, refund.RefundTotal, refund.TaxRefunded));
        var stock = await StockWhenAsync(_s1, new() { ["CAP"] = InitialStock + 1 });
        Assert.Equal(InitialStock + 1, stock["CAP"]);
    }

    [Fact]
    public async Task ReturnItems_RefusedForWrongTenders_UnitsStayReturnable()
    {
        await OpenShiftAsync(_s1, "R9");
        await _s1.Checkout.CompleteSaleAsync(Sale("R9", "r9-sale-1", [Line("P08", 2)], [Cash(1600)]));
        await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.ReturnItemsAsync(Return("R9", "r9-return-1", "r9-sale-1", ("P08", 2), Cash(1))));

        var refund = await _s1.Checkout.ReturnItemsAsync(Return("R9", "r9-return-2", "r9-sale-1", ("P08", 2), Cash(1600)));

        Assert.Equal((1600L, "S1-R9-000002"), (refund.RefundTotal, refund.ReceiptNumber));
    }

    private static ReturnItemsRequest Return(string registerId, string returnId, string originalSaleId, (string Sku, int Quantity) line, Tender tender) => new()
    {
        StoreId = S1,
        RegisterId = registerId,
        ReturnId = returnId,
        OriginalSaleId = originalSaleId,
        Currency = Currency,
        Lines = { new ReturnLine { Sku = line.Sku, Quantity = line.Quantity } },
        RefundTenders = { tender },
        Reason = "wrong size",
    };
}
