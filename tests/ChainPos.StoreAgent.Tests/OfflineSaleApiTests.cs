using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.OfflineSaleBuilder;

namespace ChainPos.StoreAgent.Tests;

/// <summary>SubmitOfflineSale over real gRPC against the real app: exactly once, in order, as charged, late sales.</summary>
[Collection(SyncNodeCollection.Name)]
public sealed class OfflineSaleApiTests(SyncNodeFixture node)
{
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddHours(-2);

    [Fact]
    public async Task OfflineSale_RecordedAsCharged_WithOriginalTime_OnceAcrossRetries()
    {
        var shift = await OpenShiftAsync("R1");
        var before = await StockAsync(node.Agent);
        // The agent's copy still had the mug at 7.50: the customer paid that, and that is what is recorded.
        var sale = Sale("R1", "off-r1-1", 1, shift, Earlier, ("MUG", 2, 750), ("PEN", 1, 150)).ByCard();

        var first = await node.Agent.Sync.SubmitOfflineSaleAsync(sale);
        var retry = await node.Agent.Sync.SubmitOfflineSaleAsync(sale);

        Assert.False(first.Receipt.Replayed);
        Assert.True(retry.Receipt.Replayed);
        Assert.Equal(1650, first.Receipt.Total);
        Assert.Equal(first.Receipt.ReceiptNumber, retry.Receipt.ReceiptNumber);
        Assert.Equal("S1-R1-000001", first.Receipt.ReceiptNumber);
        Assert.Equal(Earlier.ToUnixTimeSeconds(), first.Receipt.CompletedAt.ToDateTimeOffset().ToUnixTimeSeconds());
        Assert.False(first.LateForClosedShift);
        Assert.Equal(1, retry.LastRegisterSequence);
        var x = await node.Agent.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal(1, x.SalesCount);
        Assert.Equal(1650, x.SalesTotal);
        Assert.Equal(1650, Assert.Single(x.Tenders).Amount);
        var after = await Eventually.UntilAsync(() => StockAsync(node.Agent), s => s["MUG"] == before["MUG"] - 2 && s["PEN"] == before["PEN"] - 1);
        Assert.Equal(before["MUG"] - 2, after["MUG"]);
        Assert.Equal(before["PEN"] - 1, after["PEN"]);
    }

    [Fact]
    public async Task OfflineSale_OutOfOrder_RefusedAndChangesNothing_ThenAppliesInOrder()
    {
        var shift = await OpenShiftAsync("R2");
        await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R2", "off-r2-1", 1, shift, Earlier, ("PEN", 1, 150)));

        var gap = await ExpectAsync(StatusCode.FailedPrecondition, Sale("R2", "off-r2-3", 3, shift, Earlier, ("PEN", 1, 150)));
        Assert.Contains("expects offline sale 2", gap.Status.Detail, StringComparison.Ordinal);
        var reused = await ExpectAsync(StatusCode.AlreadyExists, Sale("R2", "off-r2-other", 1, shift, Earlier, ("PEN", 1, 150)));
        Assert.Contains("already used", reused.Status.Detail, StringComparison.Ordinal);

        var second = await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R2", "off-r2-2", 2, shift, Earlier, ("PEN", 1, 150)));
        var third = await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R2", "off-r2-3", 3, shift, Earlier, ("PEN", 1, 150)));
        Assert.Equal("S1-R2-000002", second.Receipt.ReceiptNumber);
        Assert.Equal("S1-R2-000003", third.Receipt.ReceiptNumber);
        var x = await node.Agent.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R2" });
        Assert.Equal(3, x.SalesCount);
    }

    [Fact]
    public async Task OfflineSale_BadInput_ClearErrorAndNothingChanges()
    {
        var shift = await OpenShiftAsync("R3");
        var wrongTotal = Sale("R3", "bad-1", 1, shift, Earlier, ("PEN", 2, 150));
        wrongTotal.Total -= 1;
        var giftCard = Sale("R3", "bad-2", 1, shift, Earlier, ("PEN", 1, 150));
        giftCard.Tenders[0] = new Tender { Type = TenderType.GiftCard, Amount = 150, GiftCardCode = GiftCard };
        var cardNoToken = Sale("R3", "bad-3", 1, shift, Earlier, ("PEN", 1, 150));
        cardNoToken.Tenders[0] = new Tender { Type = TenderType.Card, Amount = 150 };
        var future = Sale("R3", "bad-4", 1, shift, DateTimeOffset.UtcNow.AddHours(1), ("PEN", 1, 150));
        var underpaid = Sale("R3", "bad-5", 1, shift, Earlier, ("PEN", 1, 150));
        underpaid.Tenders[0].Amount = 100;

        await ExpectAsync(StatusCode.InvalidArgument, wrongTotal);
        await ExpectAsync(StatusCode.FailedPrecondition, giftCard);
        await ExpectAsync(StatusCode.InvalidArgument, cardNoToken);
        await ExpectAsync(StatusCode.InvalidArgument, future);
        await ExpectAsync(StatusCode.FailedPrecondition, underpaid);
        await ExpectAsync(StatusCode.NotFound, Sale("R3", "bad-6", 1, shift, Earlier, ("NO-SUCH", 1, 150)));
        await ExpectAsync(StatusCode.FailedPrecondition, Sale("R3", "bad-7", 1, "no-such-shift", Earlier, ("PEN", 1, 150)));
        await ExpectAsync(StatusCode.InvalidArgument, Sale("R3", "bad-8", 0, shift, Earlier, ("PEN", 1, 150)));
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await node.OtherAgent.Sync.SubmitOfflineSaleAsync(Sale("R3", "bad-9", 1, shift, Earlier, ("PEN", 1, 150))));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        // None of it counted: the register still expects offline sale 1 and has sold nothing.
        var ok = await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R3", "good-1", 1, shift, Earlier, ("PEN", 1, 150)));
        Assert.Equal("S1-R3-000001", ok.Receipt.ReceiptNumber);
        var x = await node.Agent.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R3" });
        Assert.Equal(1, x.SalesCount);
    }

    [Fact]
    public async Task OfflineSale_OfClosedShift_CorrectsItsZReport()
    {
        var shift = await OpenShiftAsync("R4", openingFloat: 5_000);
        await node.Agent.Checkout.CompleteSaleAsync(new CompleteSaleRequest
        {
            StoreId = Store, RegisterId = "R4", SaleId = "online-r4-1", Currency = Currency,
            Lines = { new SaleLine { Sku = "PEN", Quantity = 1 } },
            Tenders = { new Tender { Type = TenderType.Cash, Amount = 150 } },
        });
        var z = await node.Agent.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = Store, RegisterId = "R4", ShiftId = shift, CountedCash = 5_150 });
        Assert.Equal(0, z.CashVariance);

        var late = await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R4", "off-r4-1", 1, shift, Earlier, ("MUG", 1, 899)));
        var retry = await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R4", "off-r4-1", 1, shift, Earlier, ("MUG", 1, 899)));
        var corrected = await node.Agent.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = Store, RegisterId = "R4", ShiftId = shift, CountedCash = 5_150 });

        Assert.True(late.LateForClosedShift);
        Assert.True(retry.Receipt.Replayed);
        Assert.Equal(2, corrected.SalesCount);
        Assert.Equal(150 + 899, corrected.SalesTotal);
        Assert.Equal(1, corrected.LateSalesCount);
        Assert.Equal(899, corrected.LateSalesTotal);
        Assert.Equal(5_000 + 150 + 899, corrected.ExpectedCash);
        Assert.Equal(-899, corrected.CashVariance);
        var cash = Assert.Single(corrected.Tenders);
        Assert.Equal((150 + 899, 2), (cash.Amount, cash.Count));
    }

    [Fact]
    public async Task OfflineSale_WhoseOnlineAttemptCommitted_IsAppliedOnceAndKeepsTheOrder()
    {
        var shift = await OpenShiftAsync("R5");
        // The online attempt committed but its answer was lost; the agent then queued the sale as offline sale 1.
        var online = await node.Agent.Checkout.CompleteSaleAsync(new CompleteSaleRequest
        {
            StoreId = Store, RegisterId = "R5", SaleId = "lost-answer", Currency = Currency,
            Lines = { new SaleLine { Sku = "PEN", Quantity = 1 } },
            Tenders = { new Tender { Type = TenderType.Cash, Amount = 150 } },
        });

        var queued = await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R5", "lost-answer", 1, shift, Earlier, ("PEN", 1, 150)));
        var next = await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R5", "after-it", 2, shift, Earlier, ("PEN", 1, 150)));

        Assert.True(queued.Receipt.Replayed);
        Assert.Equal(online.ReceiptNumber, queued.Receipt.ReceiptNumber);
        Assert.Equal("S1-R5-000002", next.Receipt.ReceiptNumber);
        var x = await node.Agent.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R5" });
        Assert.Equal(2, x.SalesCount);
    }

    private async Task<string> OpenShiftAsync(string registerId, long openingFloat = 0)
    {
        var shiftId = $"shift-{registerId}-{Guid.NewGuid():N}";
        await node.Agent.Checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = Store, RegisterId = registerId, ShiftId = shiftId, CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = openingFloat,
        });
        return shiftId;
    }

    private async Task<RpcException> ExpectAsync(StatusCode code, SubmitOfflineSaleRequest sale)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await node.Agent.Sync.SubmitOfflineSaleAsync(sale));
        Assert.True(code == error.StatusCode, $"Expected {code} but got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }
}
