using ChainPos.Api.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// <c>SubmitOfflineNoSale</c> over real gRPC: a no-sale drawer opening made offline counted once on its shift, in the register's
/// offline order (after the shift opened offline), once with an online <c>RecordCashMovement</c> of the same id, a late one
/// correcting the Z-report, and bad input refused without taking a sequence. Uses its own store S3 (admin credential).
/// </summary>
[Collection(SyncNodeCollection.Name)]
public sealed class OfflineNoSaleApiTests(SyncNodeFixture node)
{
    private const string S3 = "S3";
    private const string ShiftId = "ns-shift-s3";
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddMinutes(-30);

    [Fact]
    public async Task OfflineNoSale_CountedOnceInOrder_SharedIdWithOnline_LateCorrectsZ_BadInputChangesNothing()
    {
        await node.Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = StoreConfig(S3, ["R1"]) });
        // A no-sale of a shift the platform does not know yet is refused (it must come after its offline shift opening).
        await ExpectAsync(StatusCode.FailedPrecondition, NoSale("ns-early", 1), "neither the open shift");
        Assert.False((await node.Admin.Sync.SubmitOfflineShiftOpenAsync(new SubmitOfflineShiftOpenRequest
        {
            StoreId = S3, RegisterId = "R1", ShiftId = ShiftId, RegisterSequence = 1, CashierId = Cashier, OpeningFloat = 5_000,
            OpenedAt = Timestamp.FromDateTimeOffset(Earlier),
        })).Replayed);

        var first = await node.Admin.Sync.SubmitOfflineNoSaleAsync(NoSale("ns-1", 2));
        var retry = await node.Admin.Sync.SubmitOfflineNoSaleAsync(NoSale("ns-1", 2));
        Assert.Equal((false, 2L), (first.Replayed, first.LastRegisterSequence));
        Assert.Equal((true, 2L), (retry.Replayed, retry.LastRegisterSequence));

        // An online attempt that got through before the link failed, then journaled and sent with the same id: counted once.
        await node.Admin.Checkout.RecordCashMovementAsync(new RecordCashMovementRequest
        {
            StoreId = S3, RegisterId = "R1", OperationId = "ns-2", Type = CashMovementType.NoSale, Reason = "Give change",
        });
        var shared = await node.Admin.Sync.SubmitOfflineNoSaleAsync(NoSale("ns-2", 3));
        Assert.Equal((true, 3L), (shared.Replayed, shared.LastRegisterSequence));

        await ExpectAsync(StatusCode.InvalidArgument, NoSale("ns-blank", 4, reason: "  "), "reason");
        await ExpectAsync(StatusCode.InvalidArgument, NoSale("ns-long", 4, reason: new string('x', 201)), "reason");
        await ExpectAsync(StatusCode.InvalidArgument, NoSale("ns-future", 4, at: DateTimeOffset.UtcNow.AddHours(1)), "future");
        await ExpectAsync(StatusCode.FailedPrecondition, NoSale("ns-gap", 5), "expects offline entry 4");
        await ExpectAsync(StatusCode.AlreadyExists, NoSale("ns-reused", 3), "already used");
        await ExpectAsync(StatusCode.FailedPrecondition, NoSale("ns-shift", 4, shiftId: "no-such-shift"), "neither the open shift");
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await node.Agent.Sync.SubmitOfflineNoSaleAsync(NoSale("ns-other", 4)));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        // None of the refused ones took sequence 4 or counted.
        Assert.False((await node.Admin.Sync.SubmitOfflineNoSaleAsync(NoSale("ns-3", 4))).Replayed);
        var x = await node.Admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = S3, RegisterId = "R1" });
        Assert.Equal((ShiftId, 3, 5_000L), (x.ShiftId, x.NoSaleCount, x.ExpectedCash));

        // One that arrives after its shift closed corrects that Z-report.
        var z = await node.Admin.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = S3, RegisterId = "R1", ShiftId = ShiftId, CountedCash = 5_000 });
        Assert.Equal(3, z.NoSaleCount);
        Assert.False((await node.Admin.Sync.SubmitOfflineNoSaleAsync(NoSale("ns-late", 5))).Replayed);
        var corrected = await node.Admin.Checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = S3, RegisterId = "R1", ShiftId = ShiftId, CountedCash = 5_000 });
        Assert.Equal((4, 0L), (corrected.NoSaleCount, corrected.CashVariance));
    }

    private static SubmitOfflineNoSaleRequest NoSale(string id, long sequence, string reason = "Give change", string shiftId = ShiftId, DateTimeOffset? at = null) => new()
    {
        StoreId = S3, RegisterId = "R1", OperationId = id, RegisterSequence = sequence, ShiftId = shiftId, Reason = reason,
        OccurredAt = Timestamp.FromDateTimeOffset(at ?? Earlier),
    };

    private async Task ExpectAsync(StatusCode code, SubmitOfflineNoSaleRequest request, string detail)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await node.Admin.Sync.SubmitOfflineNoSaleAsync(request));
        Assert.True(code == error.StatusCode, $"{request.OperationId}: expected {code} but got {error.StatusCode}: {error.Status.Detail}");
        Assert.Contains(detail, error.Status.Detail, StringComparison.Ordinal);
    }
}
