using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Till;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Bad sales get a clear status and change nothing. Register R6 keeps a shift open for them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CheckoutValidationTests(GatewayFixture fixture)
{
    private const string Register = "R6";
    private readonly Clients _s1 = fixture.S1Agent;

    [Fact]
    public async Task CompleteSale_UnknownSku_NotFound()
    {
        await OpenShiftAsync(_s1, Register);
        var error = await Expect.StatusAsync(StatusCode.NotFound, _s1.Checkout.CompleteSaleAsync(Sale(Register, "v-unknown-sku", [Line("NO-SUCH", 1)], [Cash(100)])));
        Assert.Equal("SKU 'NO-SUCH' is not in the catalogue.", error.Status.Detail);
    }

    [Fact]
    public async Task CompleteSale_QuantityZero_InvalidArgument()
    {
        await OpenShiftAsync(_s1, Register);
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.CompleteSaleAsync(Sale(Register, "v-qty-0", [Line("PEN", 0)], [Cash(100)])));
        Assert.Equal("Line 1: quantity must be between 1 and 9999 (got 0).", error.Status.Detail);
    }

    [Fact]
    public async Task CompleteSale_WrongCurrency_InvalidArgument()
    {
        await OpenShiftAsync(_s1, Register);
        var request = Sale(Register, "v-usd", [Line("PEN", 1)], [Cash(150)]);
        request.Currency = "USD";
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.CompleteSaleAsync(request));
        Assert.Equal("Currency 'USD' is not the store's currency (EUR).", error.Status.Detail);
    }

    [Fact]
    public async Task CompleteSale_DiscontinuedProduct_FailedPrecondition()
    {
        await OpenShiftAsync(_s1, Register);
        await Expect.StatusAsync(StatusCode.FailedPrecondition, _s1.Checkout.CompleteSaleAsync(Sale(Register, "v-old", [Line("OLD", 1)], [Cash(500)])));
    }

    [Fact]
    public async Task CompleteSale_TendersShort_FailedPrecondition()
    {
        await OpenShiftAsync(_s1, Register);
        var error = await Expect.StatusAsync(StatusCode.FailedPrecondition, _s1.Checkout.CompleteSaleAsync(Sale(Register, "v-short", [Line("PEN", 2)], [Cash(299)])));
        Assert.Equal("tenders are short of the total by 1. Add a tender for the rest.", error.Status.Detail);
    }

    [Fact]
    public async Task CompleteSale_UnspecifiedTenderType_InvalidArgument()
    {
        await OpenShiftAsync(_s1, Register);
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument,
            _s1.Checkout.CompleteSaleAsync(Sale(Register, "v-tender-type", [Line("PEN", 1)], [new Tender { Amount = 150 }])));
        Assert.StartsWith("Tender 1: type is required", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteSale_GiftCardOverBalance_FailedPreconditionAndCardUntouched()
    {
        const string code = "6000000000000003";
        await fixture.Admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = code, OperationId = "small-card", Amount = 500, Currency = Currency });
        await OpenShiftAsync(_s1, Register);

        var error = await Expect.StatusAsync(StatusCode.FailedPrecondition,
            _s1.Checkout.CompleteSaleAsync(Sale(Register, "v-card-over", [Line("P10", 1)], [GiftCardTender(code, 1000)])));

        Assert.Contains("****0003 has 5.00 EUR available", error.Status.Detail, StringComparison.Ordinal);
        var card = await _s1.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = code });
        Assert.Equal((500L, 500L), (card.Balance, card.Available));
    }

    [Fact]
    public async Task CompleteSale_ExpectedTotalMismatch_FailedPreconditionAndNothingChanged()
    {
        await OpenShiftAsync(_s1, Register);
        var before = await _s1.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = S1, RegisterId = Register });
        var request = Sale(Register, "v-expected", [Line("P07", 1)], [Cash(700)]);
        request.ExpectedTotal = 690;

        var error = await Expect.StatusAsync(StatusCode.FailedPrecondition, _s1.Checkout.CompleteSaleAsync(request));

        Assert.StartsWith("The register showed 6.90 EUR but the sale totals 7.00 EUR", error.Status.Detail, StringComparison.Ordinal);
        var after = await _s1.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = S1, RegisterId = Register });
        Assert.Equal(before, after);
        request.ExpectedTotal = 700;
        var sold = await _s1.Checkout.CompleteSaleAsync(request);
        Assert.Equal(before.LastReceiptSequence + 1, sold.ReceiptSequence);
    }

    [Fact]
    public async Task CompleteSale_NoOpenShift_FailedPrecondition()
    {
        var error = await Expect.StatusAsync(StatusCode.FailedPrecondition, _s1.Checkout.CompleteSaleAsync(Sale("R7", "v-no-shift", [Line("PEN", 1)], [Cash(150)])));
        Assert.Equal("No shift is open on register R7; open a shift first.", error.Status.Detail);
    }

    [Fact]
    public async Task CompleteSale_501Lines_ResourceExhausted()
    {
        var lines = Enumerable.Range(0, 501).Select(_ => Line("PEN", 1));
        await Expect.StatusAsync(StatusCode.ResourceExhausted, _s1.Checkout.CompleteSaleAsync(Sale(Register, "v-501", lines, [Cash(100_000)])));
    }

    [Fact]
    public async Task CompleteSale_BadSaleId_InvalidArgument()
    {
        await OpenShiftAsync(_s1, Register);
        await Expect.StatusAsync(StatusCode.InvalidArgument, _s1.Checkout.CompleteSaleAsync(Sale(Register, "bad id/with slash", [Line("PEN", 1)], [Cash(150)])));
    }
}
