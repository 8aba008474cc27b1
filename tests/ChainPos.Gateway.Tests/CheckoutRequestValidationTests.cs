using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Till;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Bad shift, return, void, cash and parked-basket requests get a clear status. Register R6 keeps a shift open for them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CheckoutRequestValidationTests(GatewayFixture fixture)
{
    private const string Register = "R6";
    private readonly Clients _s1 = fixture.S1Agent;

    [Fact]
    public async Task OpenShift_WrongCashierPin_PermissionDenied()
    {
        await Expect.StatusAsync(StatusCode.PermissionDenied, _s1.Checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = S1, RegisterId = "R10", ShiftId = "v-pin", CashierId = Cashier, CashierPin = "4321", OpeningFloat = 0,
        }));
    }

    [Fact]
    public async Task OpenShift_UnknownStore_NotFound()
    {
        var error = await Expect.StatusAsync(StatusCode.NotFound, fixture.Admin.Checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = "S404", RegisterId = "R1", ShiftId = "v-store", CashierId = Cashier, CashierPin = CashierPin,
        }));
        Assert.Equal("Store 'S404' does not exist.", error.Status.Detail);
    }

    [Fact]
    public async Task OpenShift_UnknownRegister_NotFound()
    {
        await Expect.StatusAsync(StatusCode.NotFound, _s1.Checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = S1, RegisterId = "R99", ShiftId = "v-register", CashierId = Cashier, CashierPin = CashierPin,
        }));
    }

    [Fact]
    public async Task CloseShift_NotTheOpenShift_FailedPrecondition()
    {
        await OpenShiftAsync(_s1, Register);
        await Expect.StatusAsync(StatusCode.FailedPrecondition,
            _s1.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = S1, RegisterId = Register, ShiftId = "other-shift", CountedCash = 0 }));
    }

    [Fact]
    public async Task GetShiftReport_RegisterNeverOpened_FailedPrecondition()
    {
        await Expect.StatusAsync(StatusCode.FailedPrecondition, _s1.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = S1, RegisterId = "R10" }));
    }

    [Fact]
    public async Task ReturnItems_UnknownOriginalSale_NotFound()
    {
        await OpenShiftAsync(_s1, Register);
        await Expect.StatusAsync(StatusCode.NotFound, _s1.Checkout.ReturnItemsAsync(new ReturnItemsRequest
        {
            StoreId = S1, RegisterId = Register, ReturnId = "v-return", OriginalSaleId = "never-sold", Currency = Currency,
            Lines = { new ReturnLine { Sku = "PEN", Quantity = 1 } }, RefundTenders = { Cash(150) },
        }));
    }

    [Fact]
    public async Task VoidSale_UnknownSale_NotFound()
    {
        await OpenShiftAsync(_s1, Register);
        await Expect.StatusAsync(StatusCode.NotFound, _s1.Checkout.VoidSaleAsync(new VoidSaleRequest
        {
            StoreId = S1, RegisterId = Register, VoidId = "v-void", SaleId = "never-sold", SupervisorId = Supervisor, SupervisorPin = SupervisorPin,
        }));
    }

    [Fact]
    public async Task RecordCashMovement_UnspecifiedType_InvalidArgument()
    {
        await OpenShiftAsync(_s1, Register);
        await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.RecordCashMovementAsync(new RecordCashMovementRequest
        {
            StoreId = S1, RegisterId = Register, OperationId = "v-cash-type", Amount = 100, Reason = "float",
        }));
    }

    [Fact]
    public async Task RecordCashMovement_NoSaleWithAmount_InvalidArgument()
    {
        await OpenShiftAsync(_s1, Register);
        await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.RecordCashMovementAsync(new RecordCashMovementRequest
        {
            StoreId = S1, RegisterId = Register, OperationId = "v-no-sale", Type = CashMovementType.NoSale, Amount = 100, Reason = "oops",
        }));
    }

    [Fact]
    public async Task SuspendSale_GiftCardLine_InvalidArgument()
    {
        var request = new SuspendSaleRequest { StoreId = S1, RegisterId = Register, SuspendId = "v-park-card" };
        request.Lines.Add(new SaleLine { GiftCardCode = GiftCard, GiftCardAmount = 1000, Quantity = 1 });
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.SuspendSaleAsync(request));
        Assert.DoesNotContain("9012", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendSale_QuantityZero_InvalidArgument()
    {
        var request = new SuspendSaleRequest { StoreId = S1, RegisterId = Register, SuspendId = "v-park-qty" };
        request.Lines.Add(Line("PEN", 1));
        request.Lines.Add(Line("MUG", 0));
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.SuspendSaleAsync(request));
        Assert.Equal("Line 2: quantity must be between 1 and 9999 (got 0).", error.Status.Detail);
    }

    [Fact]
    public async Task ResumeSale_UnknownBasket_NotFound()
    {
        await Expect.StatusAsync(StatusCode.NotFound, _s1.Checkout.ResumeSaleAsync(new ResumeSaleRequest { StoreId = S1, RegisterId = Register, SuspendId = "never-parked" }));
    }

    [Fact]
    public async Task ListSuspendedSales_UnknownStore_NotFound()
    {
        await Expect.StatusAsync(StatusCode.NotFound, fixture.Admin.Checkout.ListSuspendedSalesAsync(new ListSuspendedSalesRequest { StoreId = "S404" }));
    }
}
