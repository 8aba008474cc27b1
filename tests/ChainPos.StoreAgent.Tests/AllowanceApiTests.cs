using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.OfflineSaleBuilder;

namespace ChainPos.StoreAgent.Tests;

/// <summary>Offline allowances over real gRPC: leased by the store's own agent only, spent by an offline sale once.</summary>
[Collection(SyncNodeCollection.Name)]
public sealed class AllowanceApiTests(SyncNodeFixture node)
{
    private const string Card = "6000 5555 0000 0042";
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddMinutes(-30);

    [Fact]
    public async Task Allowance_SpentByOfflineSale_ChargedOnceAcrossRetries_ReturnGivesTheRestBack()
    {
        await node.Admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = Card, OperationId = "allowance-card", Amount = 8_000, Currency = Currency });
        var shiftId = $"shift-R6-{Guid.NewGuid():N}";
        await node.Agent.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = Store, RegisterId = "R6", ShiftId = shiftId, CashierId = Cashier, CashierPin = CashierPin });

        var lease = await node.Agent.Sync.AcquireAllowanceAsync(Acquire("R6", "r6-gc-1", new AllowanceTarget { GiftCardCode = Card }, 5_000));
        var retry = await node.Agent.Sync.AcquireAllowanceAsync(Acquire("R6", "r6-gc-1", new AllowanceTarget { GiftCardCode = Card }, 5_000));
        Assert.Equal((5_000L, 5_000L, 3_000L, "ACTIVE", "****0042", Currency), (lease.Granted, lease.Remaining, lease.AvailableAfter, lease.Status, lease.MaskedCode, lease.Currency));
        Assert.Equal(GiftCardCodes.Hash(Card), lease.GiftCardHash);
        Assert.Equal(lease.ExpiresAt, retry.ExpiresAt);
        var otherRegister = await node.Agent.Sync.AcquireAllowanceAsync(Acquire("R1", "r1-gc-1", new AllowanceTarget { GiftCardCode = Card }, 1_000));

        // Spent from another register's lease, or without a lease: refused, nothing changes.
        var foreign = LeasedSale("r6-foreign", 1, shiftId, lease.GiftCardHash, otherRegister.LeaseId);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () => await node.Agent.Sync.SubmitOfflineSaleAsync(foreign))).StatusCode);
        var unknown = LeasedSale("r6-unknown", 1, shiftId, lease.GiftCardHash, "no-such-lease");
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () => await node.Agent.Sync.SubmitOfflineSaleAsync(unknown))).StatusCode);

        var sale = LeasedSale("r6-gc-sale", 1, shiftId, lease.GiftCardHash, lease.LeaseId);
        var first = await node.Agent.Sync.SubmitOfflineSaleAsync(sale);
        var again = await node.Agent.Sync.SubmitOfflineSaleAsync(sale);
        Assert.False(first.Receipt.Replayed);
        Assert.True(again.Receipt.Replayed);
        Assert.Equal(1_798, first.Receipt.Total);

        var target = new AllowanceTarget { GiftCardHash = lease.GiftCardHash };
        var spent = await Eventually.UntilAsync(
            () => node.Agent.Sync.RenewAllowanceAsync(new AllowanceRequest { StoreId = Store, RegisterId = "R6", LeaseId = lease.LeaseId, Target = target, TtlSeconds = 7200 }).ResponseAsync,
            a => a.Spent == 1_798);
        Assert.Equal((1_798L, 3_202L), (spent.Spent, spent.Remaining));
        var returned = await node.Agent.Sync.ReturnAllowanceAsync(new AllowanceRequest { StoreId = Store, RegisterId = "R6", LeaseId = lease.LeaseId, Target = target });
        Assert.Equal(("RETURNED", 0L), (returned.Status, returned.Remaining));
        var balance = await node.Admin.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = Card });
        Assert.Equal((8_000L - 1_798, 8_000L - 1_798 - 1_000), (balance.Balance, balance.Available)); // R1's lease still holds 10.00
        var x = await node.Agent.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R6" });
        Assert.Equal((1, 1_798L), (x.SalesCount, x.SalesTotal));
    }

    [Fact]
    public async Task Allowance_BadInput_ClearStatus()
    {
        var customer = new AllowanceTarget { CustomerId = Customer };
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(node.OtherAgent.Sync.AcquireAllowanceAsync(Acquire("R1", "x-1", customer, 100)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.Agent.Sync.AcquireAllowanceAsync(Acquire("R1", "x-2", customer, -100)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.Agent.Sync.AcquireAllowanceAsync(Acquire("R1", "x-3", new AllowanceTarget(), 100)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.Agent.Sync.AcquireAllowanceAsync(Acquire("R1", "x-4", new AllowanceTarget { GiftCardHash = new string('a', 64) }, 100)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(node.Agent.Sync.AcquireAllowanceAsync(Acquire("R1", "x-5", new AllowanceTarget { GiftCardCode = "6000 0000 0000 9999" }, 100)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(node.Agent.Sync.AcquireAllowanceAsync(Acquire("R1", "x-6", new AllowanceTarget { CustomerId = "NOBODY" }, 100)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(node.Agent.Sync.AcquireAllowanceAsync(Acquire("R99", "x-7", customer, 100)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(node.Agent.Sync.ReturnAllowanceAsync(new AllowanceRequest { StoreId = Store, RegisterId = "R1", LeaseId = "x-8", Target = customer }).ResponseAsync));

        // The seeded customer has no points yet: nothing to lease.
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOfAsync(node.Agent.Sync.AcquireAllowanceAsync(Acquire("R2", "x-9", customer, 2_000)).ResponseAsync));

        const string Other = "6000 5555 0000 0043";
        await node.Admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = Other, OperationId = "allowance-other", Amount = 1_000, Currency = Currency });
        var lease = await node.Agent.Sync.AcquireAllowanceAsync(Acquire("R2", "gc-r2", new AllowanceTarget { GiftCardCode = Other }, 400));
        var byHash = new AllowanceTarget { GiftCardHash = lease.GiftCardHash };
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(node.Agent.Sync.ReturnAllowanceAsync(new AllowanceRequest { StoreId = Store, RegisterId = "R3", LeaseId = "gc-r2", Target = byHash }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(node.OtherAgent.Sync.ReturnAllowanceAsync(new AllowanceRequest { StoreId = Store, RegisterId = "R2", LeaseId = "gc-r2", Target = byHash }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(node.Agent.Sync.RenewAllowanceAsync(new AllowanceRequest { StoreId = Store, RegisterId = "R2", LeaseId = "gc-r2", Target = byHash, TtlSeconds = 5 }).ResponseAsync));
        var returned = await node.Agent.Sync.ReturnAllowanceAsync(new AllowanceRequest { StoreId = Store, RegisterId = "R2", LeaseId = "gc-r2", Target = byHash });
        Assert.Equal(("RETURNED", 1_000L), (returned.Status, returned.AvailableAfter));
    }

    private static AcquireAllowanceRequest Acquire(string registerId, string leaseId, AllowanceTarget target, long max) => new()
    {
        StoreId = Store, RegisterId = registerId, LeaseId = leaseId, Target = target, MaxAmount = max, TtlSeconds = 3600,
    };

    private static SubmitOfflineSaleRequest LeasedSale(string saleId, long sequence, string shiftId, string hash, string leaseId)
    {
        var sale = Sale("R6", saleId, sequence, shiftId, Earlier, ("MUG", 2, 899));
        sale.Tenders[0] = new Tender { Type = TenderType.GiftCard, Amount = sale.Total, GiftCardCode = "****0042", GiftCardHash = hash, HoldId = leaseId };
        return sale;
    }

    private static async Task<StatusCode> StatusOfAsync<T>(Task<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        return error.StatusCode;
    }
}
