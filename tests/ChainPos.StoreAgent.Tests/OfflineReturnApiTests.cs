using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.TestSupport;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// <c>SubmitOfflineReturn</c> over real gRPC with the store's own agent credential: a cash return made offline against an offline
/// sale of the same register, applied once with its original time (stock back, points clawed back, the shift's refunds), refused
/// whole when another register returned the goods meanwhile, bad input refused without taking a sequence, another store's
/// credential denied, and a return arriving after its shift closed correcting the Z-report as a late refund. Store S4.
/// </summary>
[Collection(SyncNodeCollection.Name)]
public sealed class OfflineReturnApiTests(SyncNodeFixture node)
{
    private const string ShiftId = "oret-shift-r1";
    private const string SaleId = "oret-sale-1";
    private const string Customer4 = "CUST-RET-4";
    // A day and more ago: the offline sale and its offline returns belong to another business day than the online return.
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddHours(-26);

    [Fact]
    public async Task OfflineReturn_AppliedOnceInOrder_WithOriginalTime_RefusedWhenOverReturned_LateCorrectsZ()
    {
        var agent = node.ReturnsAgent;
        await node.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = StoreConfig(ReturnsStore, ["R1", "R2"]) });
        await node.Admin.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = Customer4, DisplayName = "Ret", StoreId = ReturnsStore });
        foreach (var sku in new[] { "TEE", "PEN" })
        {
            await node.Admin.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = ReturnsStore, Sku = sku, OperationId = "oret-seed-" + sku, Quantity = 10, Reason = "test" });
        }

        await agent.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = ReturnsStore, RegisterId = "R1", ShiftId = ShiftId, CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = 5_000 });
        await agent.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = ReturnsStore, RegisterId = "R2", ShiftId = "oret-shift-r2", CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = 5_000 });
        var sale = OfflineSaleBuilder.Sale("R1", SaleId, 1, ShiftId, Earlier, ("TEE", 2, 1_999), ("PEN", 2, 150));
        sale.StoreId = ReturnsStore;
        sale.CustomerId = Customer4;
        Assert.Equal(4_298, (await agent.Sync.SubmitOfflineSaleAsync(sale)).Receipt.Total);

        // A return of the offline sale, after it in the offline order: applied once, with the time it was refunded.
        var first = await agent.Sync.SubmitOfflineReturnAsync(Return("oret-1", 2, ("TEE", 1), 1_999));
        var retry = await agent.Sync.SubmitOfflineReturnAsync(Return("oret-1", 2, ("TEE", 1), 1_999));
        Assert.Equal((false, "S4-R1-000002", 1_999L, false, 2L), (first.Receipt.Replayed, first.Receipt.ReceiptNumber, first.Receipt.RefundTotal, first.LateForClosedShift, first.LastRegisterSequence));
        Assert.Equal((true, "S4-R1-000002", 2L), (retry.Receipt.Replayed, retry.Receipt.ReceiptNumber, retry.LastRegisterSequence));

        // Meanwhile both pens came back at R2 (online, any register of the store may take a receipt back).
        await agent.Checkout.ReturnItemsAsync(new ReturnItemsRequest
        {
            StoreId = ReturnsStore, RegisterId = "R2", ReturnId = "oret-at-r2", OriginalSaleId = SaleId, Currency = Currency,
            Lines = { new ReturnLine { Sku = "PEN", Quantity = 2 } }, RefundTenders = { new Tender { Type = TenderType.Cash, Amount = 300 } },
        });

        await ExpectAsync(agent, StatusCode.FailedPrecondition, Return("oret-pen", 3, ("PEN", 1), 150), "Only 0 more");
        await ExpectAsync(agent, StatusCode.FailedPrecondition, Return("oret-wrong", 3, ("TEE", 1), 1_500), "works out at 1999");
        await ExpectAsync(agent, StatusCode.InvalidArgument, Return("oret-empty", 3, [], 1_999), "lines");
        await ExpectAsync(agent, StatusCode.InvalidArgument, Return("oret-zero", 3, ("TEE", 1), 0), "refund_total");
        await ExpectAsync(agent, StatusCode.InvalidArgument, Return("oret-future", 3, ("TEE", 1), 1_999, at: DateTimeOffset.UtcNow.AddHours(1)), "future");
        var unitRefund = Return("oret-unit", 3, ("TEE", 1), 1_999);
        unitRefund.Lines[0].UnitRefund = 1_000;
        await ExpectAsync(agent, StatusCode.InvalidArgument, unitRefund, "unit_refund");
        await ExpectAsync(agent, StatusCode.NotFound, Return("oret-nosale", 3, ("TEE", 1), 1_999, saleId: "no-such-sale"), "not known");
        await ExpectAsync(agent, StatusCode.FailedPrecondition, Return("oret-gap", 4, ("TEE", 1), 1_999), "expects offline entry 3");
        await ExpectAsync(agent, StatusCode.AlreadyExists, Return("oret-reused", 2, ("TEE", 1), 1_999), "already used");
        await ExpectAsync(agent, StatusCode.FailedPrecondition, Return("oret-shift", 3, ("TEE", 1), 1_999, shiftId: "no-such-shift"), "neither the open shift");
        await ExpectAsync(node.Agent, StatusCode.PermissionDenied, Return("oret-other", 3, ("TEE", 1), 1_999), "");

        var x = await agent.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = ReturnsStore, RegisterId = "R1" });
        Assert.Equal((1, 4_298L, 1, 1_999L, 5_000L + 4_298 - 1_999), (x.SalesCount, x.SalesTotal, x.RefundsCount, x.RefundsTotal, x.ExpectedCash));

        // The shift closes (the drawer already short of the refund the register paid out), then the last T-shirt's offline
        // return arrives: none of the refused ones took sequence 3, and the Z-report counts it as a late refund.
        var z = await agent.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = ReturnsStore, RegisterId = "R1", ShiftId = ShiftId, CountedCash = x.ExpectedCash - 1_999 });
        Assert.Equal(-1_999, z.CashVariance);
        var late = await agent.Sync.SubmitOfflineReturnAsync(Return("oret-late", 3, ("TEE", 1), 1_999));
        Assert.Equal((false, true, 3L), (late.Receipt.Replayed, late.LateForClosedShift, late.LastRegisterSequence));
        var corrected = await agent.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = ReturnsStore, RegisterId = "R1", ShiftId = ShiftId, CountedCash = 0 });
        Assert.Equal((2, 3_998L, 1, 1_999L, 0L), (corrected.RefundsCount, corrected.RefundsTotal, corrected.LateRefundsCount, corrected.LateRefundsTotal, corrected.CashVariance));
        Assert.Equal(5_000 + 4_298 - 3_998, corrected.ExpectedCash);
        Assert.Equal(4_298 - 3_998, corrected.Tenders.Single(t => t.Type == TenderType.Cash).Amount);

        // Stock is back, and the points earned on the returned shares are clawed back as an online return does.
        var stock = await Eventually.UntilAsync(() => StockAt(ReturnsStore), s => s["TEE"] == 10 && s["PEN"] == 10);
        Assert.Equal((10L, 10L), (stock["TEE"], stock["PEN"]));
        var earned = LoyaltyRules.PointsEarned(4_298, 2, new LoyaltyRule(10, 1, 50_000, 200_000));
        var expected = earned - (2 * ClawBack(earned, 1_999)) - ClawBack(earned, 300);
        var account = await Eventually.UntilAsync(
            () => node.Admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = Customer4 }).ResponseAsync, a => a.Points == expected);
        Assert.Equal(expected, account.Points);

        // The store-day report counts each return on the day it was refunded: the offline ones on the earlier day.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var earlierDay = await Eventually.UntilAsync(
            () => node.Admin.Reports.GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = ReturnsStore, Day = Day(Earlier) }).ResponseAsync, d => d.ReturnsCount == 2);
        var today = await Eventually.UntilAsync(
            () => node.Admin.Reports.GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = ReturnsStore, Day = Day(DateTimeOffset.UtcNow) }).ResponseAsync, d => d.ReturnsCount == 1);
        Assert.Equal((1, 4_298L, 2, 3_998L, 300L), (earlierDay.SalesCount, earlierDay.Total, earlierDay.ReturnsCount, earlierDay.ReturnsTotal, earlierDay.NetTotal));
        Assert.Equal((0, 1, 300L), (today.SalesCount, today.ReturnsCount, today.ReturnsTotal));
    }

    private static long ClawBack(long earned, long refund) => (long)Math.Floor((decimal)earned * refund / 4_298);

    private async Task<Dictionary<string, long>> StockAt(string location) =>
        (await node.Admin.Stock.GetStockAsync(new GetStockRequest { LocationId = location, Skus = { "TEE", "PEN" } })).Levels.ToDictionary(l => l.Sku, l => l.OnHand);

    private static SubmitOfflineReturnRequest Return(string id, long sequence, (string Sku, int Quantity) line, long refund, string shiftId = ShiftId, DateTimeOffset? at = null, string saleId = SaleId) =>
        Return(id, sequence, [line], refund, shiftId, at, saleId);

    private static SubmitOfflineReturnRequest Return(string id, long sequence, (string Sku, int Quantity)[] lines, long refund, string shiftId = ShiftId, DateTimeOffset? at = null, string saleId = SaleId) => new()
    {
        StoreId = ReturnsStore, RegisterId = "R1", ReturnId = id, RegisterSequence = sequence, ShiftId = shiftId, CashierId = Cashier, OriginalSaleId = saleId,
        Lines = { lines.Select(l => new ReturnLine { Sku = l.Sku, Quantity = l.Quantity }) }, RefundTotal = refund, Currency = Currency,
        OccurredAt = Timestamp.FromDateTimeOffset(at ?? Earlier), Reason = "wrong size",
    };

    private static async Task ExpectAsync(Clients clients, StatusCode code, SubmitOfflineReturnRequest request, string detail)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await clients.Sync.SubmitOfflineReturnAsync(request));
        Assert.True(code == error.StatusCode, $"{request.ReturnId}: expected {code} but got {error.StatusCode}: {error.Status.Detail}");
        Assert.Contains(detail, error.Status.Detail, StringComparison.Ordinal);
    }
}
