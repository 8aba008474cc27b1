using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Till;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CheckoutShiftTests(GatewayFixture fixture)
{
    private readonly Clients _s1 = fixture.S1Agent;

    [Fact]
    public async Task CloseShift_AfterSalesVoidAndCashMovements_ExactXAndZReports()
    {
        var opened = await OpenShiftAsync(_s1, "R4", openingFloat: 10_000);
        var saleA = await _s1.Checkout.CompleteSaleAsync(Sale("R4", "r4-sale-a", [Line("P03", 1)], [Cash(500)]));
        Assert.Equal((300L, 50L, 200L), (saleA.Total, saleA.TaxTotal, saleA.Change));
        var saleB = await _s1.Checkout.CompleteSaleAsync(Sale("R4", "r4-sale-b", [Line("P04", 1)], [Card(400)]));
        Assert.Equal((400L, 67L, 0L), (saleB.Total, saleB.TaxTotal, saleB.Change));

        var voided = await _s1.Checkout.VoidSaleAsync(new VoidSaleRequest
        {
            StoreId = S1, RegisterId = "R4", VoidId = "r4-void-a", SaleId = "r4-sale-a", SupervisorId = Supervisor, SupervisorPin = SupervisorPin, Reason = "customer changed mind",
        });
        Assert.Equal(("r4-void-a", "r4-sale-a", 3L, "S1-R4-000003", 300L, false), (voided.VoidId, voided.SaleId, voided.ReceiptSequence, voided.ReceiptNumber, voided.RefundTotal, voided.Replayed));
        await StockWhenAsync(_s1, new() { ["P03"] = InitialStock, ["P04"] = InitialStock - 1 });

        Assert.Equal(11_000, await CashAsync("r4-paid-in", CashMovementType.PaidIn, 1000, "change top-up"));
        Assert.Equal(10_700, await CashAsync("r4-paid-out", CashMovementType.PaidOut, 300, "window cleaner"));
        Assert.Equal(10_700, await CashAsync("r4-no-sale", CashMovementType.NoSale, 0, "change for customer"));
        Assert.Equal(10_700, await CashAsync("r4-paid-out", CashMovementType.PaidOut, 300, "window cleaner"));

        var x = await _s1.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = S1, RegisterId = "R4" });
        AssertReport(x, closed: false, counted: 0, variance: 0);
        Assert.Null(x.ClosedAt);
        Assert.Equal(opened.OpenedAt, x.OpenedAt);

        var z = await _s1.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = S1, RegisterId = "R4", ShiftId = opened.ShiftId, CountedCash = 10_650 });
        AssertReport(z, closed: true, counted: 10_650, variance: -50);
        Assert.NotNull(z.ClosedAt);
        var again = await _s1.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = S1, RegisterId = "R4", ShiftId = opened.ShiftId, CountedCash = 1 });
        Assert.Equal(z, again);
        await Expect.StatusAsync(StatusCode.FailedPrecondition, _s1.Checkout.CompleteSaleAsync(Sale("R4", "r4-sale-c", [Line("P03", 1)], [Cash(300)])));
    }

    [Fact]
    public async Task SuspendSale_ThenListAndResume_BasketComesBackOnce()
    {
        var request = new SuspendSaleRequest { StoreId = S1, RegisterId = "R5", SuspendId = "park-r5-1", Label = "Mrs Smith", CustomerId = Customer };
        request.Lines.Add(Line("MUG", 2));
        request.Lines.Add(new SaleLine { Sku = "APPLE", Quantity = 3, Discount = new Discount { PercentBasisPoints = 1000, Reason = "bruised" } });
        request.Lines.Add(new SaleLine { Sku = "CAP", Quantity = 1, PriceOverride = 1000 });

        var parked = await _s1.Checkout.SuspendSaleAsync(request);
        Assert.Equal("park-r5-1", parked.SuspendId);
        var retried = await _s1.Checkout.SuspendSaleAsync(request);
        Assert.Equal(parked.SuspendedAt, retried.SuspendedAt);

        var list = await _s1.Checkout.ListSuspendedSalesAsync(new ListSuspendedSalesRequest { StoreId = S1 });
        var listed = Assert.Single(list.Sales, s => s.SuspendId == "park-r5-1");
        Assert.Equal(("Mrs Smith", "R5", Customer, parked.SuspendedAt), (listed.Label, listed.RegisterId, listed.CustomerId, listed.SuspendedAt));
        Assert.Equal(request.Lines, listed.Lines);
        Assert.True(listed.Lines[2].HasPriceOverride);
        Assert.False(listed.Lines[0].HasPriceOverride);

        var resumed = await _s1.Checkout.ResumeSaleAsync(new ResumeSaleRequest { StoreId = S1, RegisterId = "R6", SuspendId = "park-r5-1" });
        Assert.Equal(listed, resumed.Sale);
        list = await _s1.Checkout.ListSuspendedSalesAsync(new ListSuspendedSalesRequest { StoreId = S1 });
        Assert.DoesNotContain(list.Sales, s => s.SuspendId == "park-r5-1");
        await Expect.StatusAsync(StatusCode.NotFound, _s1.Checkout.ResumeSaleAsync(new ResumeSaleRequest { StoreId = S1, RegisterId = "R6", SuspendId = "park-r5-1" }));
        await Expect.StatusAsync(StatusCode.AlreadyExists, _s1.Checkout.SuspendSaleAsync(request));
    }

    private async Task<long> CashAsync(string operationId, CashMovementType type, long amount, string reason) =>
        (await _s1.Checkout.RecordCashMovementAsync(new RecordCashMovementRequest
        {
            StoreId = S1, RegisterId = "R4", OperationId = operationId, Type = type, Amount = amount, Reason = reason,
        })).ExpectedCash;

    private static void AssertReport(ShiftReport report, bool closed, long counted, long variance)
    {
        Assert.Equal((S1, "R4", "shift-S1-R4", Cashier, "EUR", closed, 10_000L), (report.StoreId, report.RegisterId, report.ShiftId, report.CashierId, report.Currency, report.Closed, report.OpeningFloat));
        Assert.Equal((2, 700L, 1, 300L, 0L, 67L), (report.SalesCount, report.SalesTotal, report.RefundsCount, report.RefundsTotal, report.DiscountsTotal, report.TaxTotal));
        Assert.Collection(
            report.Tenders,
            t => Assert.Equal((TenderType.Cash, 0L, 2), (t.Type, t.Amount, t.Count)),
            t => Assert.Equal((TenderType.Card, 400L, 1), (t.Type, t.Amount, t.Count)));
        Assert.Equal((1000L, 300L, 1, 10_700L), (report.PaidIn, report.PaidOut, report.NoSaleCount, report.ExpectedCash));
        Assert.Equal((counted, variance, 1L, 3L), (report.CountedCash, report.CashVariance, report.FirstReceiptSequence, report.LastReceiptSequence));
    }
}
