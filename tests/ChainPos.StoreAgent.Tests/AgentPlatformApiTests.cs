using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.OfflineSaleBuilder;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The agent's other platform calls over real gRPC against the real app: a sale found by its receipt from any register of the
/// store (never another store's), shifts opened offline applied once and in order, and the staff PIN verifiers.
/// </summary>
[Collection(SyncNodeCollection.Name)]
public sealed class AgentPlatformApiTests(SyncNodeFixture node)
{
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddHours(-1);

    [Fact]
    public async Task FindSaleByReceipt_ByNumberOrCode_FromAnyRegisterOfTheStore_NeverAnotherStores()
    {
        await node.Agent.Checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = Store, RegisterId = "R7", ShiftId = "shift-r7", CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = 5_000,
        });
        var sale = await node.Agent.Checkout.CompleteSaleAsync(new CompleteSaleRequest
        {
            StoreId = Store, RegisterId = "R7", SaleId = "lookup-r7-1", Currency = Currency,
            Lines = { new SaleLine { Sku = "TEE", Quantity = 2, Discount = new Discount { Amount = 800, Reason = "damaged" } } },
            Tenders = { new Tender { Type = TenderType.Card, Amount = 3_198, CardToken = "tok_r7", CardBrand = "VISA", CardLast4 = "4242" } },
            SupervisorId = Supervisor, SupervisorPin = SupervisorPin,
        });
        Assert.Equal(("S1-R7-000001", 3_198L), (sale.ReceiptNumber, sale.Total));
        await node.Agent.Checkout.ReturnItemsAsync(new ReturnItemsRequest
        {
            StoreId = Store, RegisterId = "R7", ReturnId = "lookup-ret-1", OriginalSaleId = "lookup-r7-1", Currency = Currency,
            Lines = { new ReturnLine { Sku = "TEE", Quantity = 1 } }, RefundTenders = { new Tender { Type = TenderType.Cash, Amount = 1_599 } },
        });

        // The receipt number (index grain) and the QR code (the sale id) find the same sale, with what was returned and the approver.
        var byNumber = await Eventually.UntilAsync(
            () => TryFindAsync(node.Agent, Store, "S1-R7-000001"), f => f is { Returned.Count: 1 });
        var byCode = await node.Agent.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = " lookup-r7-1 " });
        foreach (var found in new[] { byNumber!, byCode })
        {
            Assert.Equal(("lookup-r7-1", "S1-R7-000001", "R7", 3_198L), (found.Receipt.SaleId, found.Receipt.ReceiptNumber, found.RegisterId, found.Receipt.Total));
            var tender = Assert.Single(found.Tenders);
            Assert.Equal((TenderType.Card, 3_198L, "tok_r7", "4242"), (tender.Type, tender.Amount, tender.CardToken, tender.CardLast4));
            var returned = Assert.Single(found.Returned);
            Assert.Equal((1, 1, 1_599L), (returned.LineNo, returned.Quantity, returned.Net));
            Assert.Equal(Supervisor, found.ApprovedBy);
            Assert.False(found.Voided);
        }

        // Another store's agent: not with S1 as its store, not S1's sale from its own store, not S1's receipt number.
        await ExpectAsync(StatusCode.PermissionDenied, node.OtherAgent, Store, "lookup-r7-1");
        await ExpectAsync(StatusCode.PermissionDenied, node.OtherAgent, OtherStore, "lookup-r7-1");
        await ExpectAsync(StatusCode.PermissionDenied, node.OtherAgent, OtherStore, "S1-R7-000001");
        await ExpectAsync(StatusCode.PermissionDenied, node.Agent, Store, "S2-R1-000001");
        // Bad and unknown receipts.
        await ExpectAsync(StatusCode.InvalidArgument, node.Agent, Store, "  ");
        await ExpectAsync(StatusCode.InvalidArgument, node.Agent, Store, "no spaces allowed");
        await ExpectAsync(StatusCode.NotFound, node.Agent, Store, "S1-R7-000099");
        await ExpectAsync(StatusCode.NotFound, node.Agent, Store, "no-such-sale");
    }

    [Fact]
    public async Task OfflineShiftOpen_AppliedOnceInOrder_BeforeItsSales_AndBadInputChangesNothing()
    {
        var open = ShiftOpen("R8", "off-shift-r8", 1, 7_500);
        var first = await node.Agent.Sync.SubmitOfflineShiftOpenAsync(open);
        var retry = await node.Agent.Sync.SubmitOfflineShiftOpenAsync(open);
        Assert.Equal((false, 1L), (first.Replayed, first.LastRegisterSequence));
        Assert.Equal((true, 1L), (retry.Replayed, retry.LastRegisterSequence));

        var sale = await node.Agent.Sync.SubmitOfflineSaleAsync(Sale("R8", "off-r8-1", 2, "off-shift-r8", Earlier, ("PEN", 2, 150)));
        Assert.Equal("S1-R8-000001", sale.Receipt.ReceiptNumber);
        // Found by its number at once, without waiting for the register's outbox to feed the receipt index.
        var found = await node.Agent.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = "S1-R8-000001" });
        Assert.Equal(("off-r8-1", 300L), (found.Receipt.SaleId, found.Receipt.Total));
        // A retry of the opening after its sales (a lost answer sent again) changes nothing.
        Assert.True((await node.Agent.Sync.SubmitOfflineShiftOpenAsync(open)).Replayed);
        var x = await node.Agent.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R8" });
        Assert.Equal(("off-shift-r8", Cashier, 7_500L, 1, 300L, 7_800L), (x.ShiftId, x.CashierId, x.OpeningFloat, x.SalesCount, x.SalesTotal, x.ExpectedCash));

        await ExpectShiftAsync(StatusCode.FailedPrecondition, ShiftOpen("R8", "another-r8", 3, 0), "still open");
        await ExpectShiftAsync(StatusCode.AlreadyExists, ShiftOpen("R8", "reused-r8", 2, 0), "already used");
        await ExpectShiftAsync(StatusCode.FailedPrecondition, ShiftOpen("R9", "gap-r9", 2, 0), "expects offline entry 1");
        await ExpectShiftAsync(StatusCode.InvalidArgument, ShiftOpen("R9", "neg-r9", 1, -1), "opening_float");
        await ExpectShiftAsync(StatusCode.NotFound, ShiftOpen("R9", "who-r9", 1, 0, cashier: "E404"), "E404");
        await ExpectShiftAsync(StatusCode.InvalidArgument, ShiftOpen("R9", "future-r9", 1, 0, at: DateTimeOffset.UtcNow.AddHours(1)), "future");
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await node.OtherAgent.Sync.SubmitOfflineShiftOpenAsync(ShiftOpen("R9", "other-r9", 1, 0)));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        // None of the refused openings took R9's first offline sequence.
        Assert.False((await node.Agent.Sync.SubmitOfflineShiftOpenAsync(ShiftOpen("R9", "ok-r9", 1, 0))).Replayed);
    }

    [Fact]
    public async Task StaffVerifiers_CheckTheRealPins_OnlyForTheCallersStore()
    {
        var staff = (await node.Agent.Sync.GetStaffVerifiersAsync(new GetStaffVerifiersRequest { StoreId = Store })).Staff;
        Assert.Equal([(Cashier, EmployeeRole.Cashier), (Supervisor, EmployeeRole.Supervisor)], staff.Select(s => (s.EmployeeId, s.Role)));
        var supervisor = staff.Single(s => s.EmployeeId == Supervisor);
        Assert.True(Domain.PinHasher.Verify(SupervisorPin, supervisor.PinHash));
        Assert.False(Domain.PinHasher.Verify(CashierPin, supervisor.PinHash));
        Assert.DoesNotContain(SupervisorPin, supervisor.PinHash, StringComparison.Ordinal);
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await node.OtherAgent.Sync.GetStaffVerifiersAsync(new GetStaffVerifiersRequest { StoreId = Store }));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    private static SubmitOfflineShiftOpenRequest ShiftOpen(string registerId, string shiftId, long sequence, long openingFloat, string cashier = Cashier, DateTimeOffset? at = null) => new()
    {
        StoreId = Store, RegisterId = registerId, ShiftId = shiftId, RegisterSequence = sequence, CashierId = cashier, OpeningFloat = openingFloat,
        OpenedAt = Timestamp.FromDateTimeOffset(at ?? Earlier),
    };

    private static async Task<FindSaleByReceiptResponse?> TryFindAsync(Clients clients, string storeId, string receipt)
    {
        try
        {
            return await clients.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = storeId, Receipt = receipt });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task ExpectAsync(StatusCode code, Clients clients, string storeId, string receipt)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await clients.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = storeId, Receipt = receipt }));
        Assert.True(code == error.StatusCode, $"{receipt}: expected {code} but got {error.StatusCode}: {error.Status.Detail}");
    }

    private async Task ExpectShiftAsync(StatusCode code, SubmitOfflineShiftOpenRequest request, string detail)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await node.Agent.Sync.SubmitOfflineShiftOpenAsync(request));
        Assert.True(code == error.StatusCode, $"{request.ShiftId}: expected {code} but got {error.StatusCode}: {error.Status.Detail}");
        Assert.Contains(detail, error.Status.Detail, StringComparison.Ordinal);
    }
}
