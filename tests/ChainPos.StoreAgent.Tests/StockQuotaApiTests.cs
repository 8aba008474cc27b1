using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// Offline stock quotas over real gRPC: leased by the store's own agent only, held out of what is available. Uses store
/// S2 (no other test of the collection books stock there).
/// </summary>
[Collection(SyncNodeCollection.Name)]
public sealed class StockQuotaApiTests(SyncNodeFixture node)
{
    [Fact]
    public async Task Quota_LeasedForALimitedSku_HeldAsReserved_ReturnGivesItBack()
    {
        const string Sku = "PEN";
        await node.Admin.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = OtherStore, Sku = Sku, OperationId = "quota-seed", Quantity = 10, Reason = "test" });
        var policy = await node.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = OtherStore, Sku = Sku, OfflineQuota = 2 });
        Assert.Equal(2, policy.OfflineQuota);

        var lease = await node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R1", "q-r1-1", Sku, 5));
        var retry = await node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R1", "q-r1-1", Sku, 5));
        Assert.Equal((2L, 2L, 0L, "ACTIVE", 8L, Sku), (lease.Granted, lease.Remaining, lease.Sold, lease.Status, lease.AvailableAfter, lease.Sku));
        Assert.Equal(lease.ExpiresAt, retry.ExpiresAt);
        var level = (await node.Admin.Stock.GetStockAsync(new GetStockRequest { LocationId = OtherStore, Skus = { Sku } })).Levels[0];
        Assert.Equal((10L, 2L, 8L), (level.OnHand, level.Reserved, level.Available));

        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(node.OtherAgent.Sync.ReturnStockQuotaAsync(Request("R2", "q-r1-1", Sku)).ResponseAsync)); // S2 has no register R2
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(node.Agent.Sync.ReturnStockQuotaAsync(Request("R1", "q-r1-1", Sku)).ResponseAsync));
        var renewed = await node.OtherAgent.Sync.RenewStockQuotaAsync(Request("R1", "q-r1-1", Sku, ttl: 7200));
        Assert.True(renewed.ExpiresAt.ToDateTimeOffset() > lease.ExpiresAt.ToDateTimeOffset());

        var returned = await node.OtherAgent.Sync.ReturnStockQuotaAsync(Request("R1", "q-r1-1", Sku));
        Assert.Equal(("RETURNED", 0L, 10L), (returned.Status, returned.Remaining, returned.AvailableAfter));
    }

    [Fact]
    public async Task Quota_ConsumedOnceBySyncedOfflineSales_BeyondItAppliedNotLost()
    {
        const string Sku = "MUG";
        await node.Admin.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = OtherStore, Sku = Sku, OperationId = "quota-mug-seed", Quantity = 10, Reason = "test" });
        await node.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = OtherStore, Sku = Sku, OfflineQuota = 3 });
        var lease = await node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R1", "q-mug-1", Sku, 3));
        Assert.Equal(3, lease.Granted);
        var shiftId = $"shift-S2-{Guid.NewGuid():N}";
        await node.OtherAgent.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = OtherStore, RegisterId = "R1", ShiftId = shiftId, CashierId = Cashier, CashierPin = CashierPin });
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);

        var first = OfflineSaleBuilder.Sale("R1", "q-mug-sale-1", 1, shiftId, at, (Sku, 2, 899));
        first.StoreId = OtherStore;
        await node.OtherAgent.Sync.SubmitOfflineSaleAsync(first);
        Assert.True((await node.OtherAgent.Sync.SubmitOfflineSaleAsync(first)).Receipt.Replayed); // resent: applied once
        var level = await Eventually.UntilAsync(() => LevelAsync(Sku), l => l.OnHand == 8);
        Assert.Equal((8L, 1L), (level.OnHand, level.Reserved));

        var second = OfflineSaleBuilder.Sale("R1", "q-mug-sale-2", 2, shiftId, at.AddMinutes(1), (Sku, 3, 899));
        second.StoreId = OtherStore;
        await node.OtherAgent.Sync.SubmitOfflineSaleAsync(second);
        level = await Eventually.UntilAsync(() => LevelAsync(Sku), l => l.OnHand == 5);
        Assert.Equal((5L, 0L, 5L), (level.OnHand, level.Reserved, level.Available)); // 2 beyond the quota: applied, nothing held

        var returned = await node.OtherAgent.Sync.ReturnStockQuotaAsync(Request("R1", "q-mug-1", Sku));
        Assert.Equal((3L, 5L, 0L, "RETURNED"), (returned.Granted, returned.Sold, returned.Remaining, returned.Status));
    }

    [Fact]
    public async Task Quota_BadInput_ClearStatus()
    {
        const string Sku = "APPLE";
        await node.Admin.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = OtherStore, Sku = Sku, OperationId = "quota-plain-seed", Quantity = 10, Reason = "test" });

        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(node.Agent.Sync.AcquireStockQuotaAsync(Acquire("R1", "qx-1", Sku, 1)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R1", "qx-2", Sku, 0)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R1", "qx-3", "", 1)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R1", "", Sku, 1)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R1", "qx-4", Sku, 1, ttl: 5)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R99", "qx-5", Sku, 1)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(node.OtherAgent.Sync.ReturnStockQuotaAsync(Request("R1", "qx-6", Sku)).ResponseAsync));

        // Not limited (offline_quota 0): nothing to lease, it sells offline without a quota.
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOfAsync(node.OtherAgent.Sync.AcquireStockQuotaAsync(Acquire("R1", "qx-7", Sku, 1)).ResponseAsync));
    }

    [Fact]
    public async Task QuotaPolicies_ListTheStoresLimitedSkus_OnlyForTheCallersStore()
    {
        // On S1 (the other tests of this class limit S2's SKUs); set back to unlimited at the end.
        await node.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "TEE", OfflineQuota = 4 });
        await node.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "MUG", OfflineQuota = 1 });
        Assert.Equal([("MUG", 1L), ("TEE", 4L)], await PoliciesAsync());

        await node.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "MUG", ReorderPoint = 5 }); // set as a whole: MUG unlimited again
        await node.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "TEE", OfflineQuota = 6 });
        Assert.Equal([("TEE", 6L)], await PoliciesAsync());

        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await node.OtherAgent.Sync.GetStockQuotaPoliciesAsync(new GetStockQuotaPoliciesRequest { StoreId = Store }));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.Admin.Sync.GetStockQuotaPoliciesAsync(new GetStockQuotaPoliciesRequest { StoreId = "" }).ResponseAsync));

        await node.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "MUG" });
        await node.Admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "TEE" });
        Assert.Empty(await PoliciesAsync());
    }

    private async Task<List<(string, long)>> PoliciesAsync() =>
        [.. (await node.Agent.Sync.GetStockQuotaPoliciesAsync(new GetStockQuotaPoliciesRequest { StoreId = Store })).Policies.Select(p => (p.Sku, p.OfflineQuota))];

    private async Task<StockLevel> LevelAsync(string sku) =>
        (await node.Admin.Stock.GetStockAsync(new GetStockRequest { LocationId = OtherStore, Skus = { sku } })).Levels[0];

    private static AcquireStockQuotaRequest Acquire(string registerId, string leaseId, string sku, long max, long ttl = 3600) => new()
    {
        StoreId = OtherStore, RegisterId = registerId, LeaseId = leaseId, Sku = sku, MaxUnits = max, TtlSeconds = ttl,
    };

    private static StockQuotaRequest Request(string registerId, string leaseId, string sku, long ttl = 0) => new()
    {
        StoreId = OtherStore, RegisterId = registerId, LeaseId = leaseId, Sku = sku, TtlSeconds = ttl,
    };

    private static async Task<StatusCode> StatusOfAsync<T>(Task<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        return error.StatusCode;
    }
}
