using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Grains.Allowances;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.Loyalty;

/// <summary>Allowances of this account's points leased to registers for offline spending (<see cref="AllowanceBook"/>).</summary>
internal sealed partial class LoyaltyAccountGrain
{
    public async Task<AllowanceView> LeaseAsync(string leaseId, string storeId, string registerId, long maxAmount, TimeSpan ttl)
    {
        if (AllowanceBook.FindRepeat(S.Leases, leaseId, storeId, registerId) is { } repeat)
        {
            return AllowanceBook.View(leaseId, repeat, Available, time.GetUtcNow());
        }

        AllowanceBook.RequireValid(maxAmount, ttl);
        RequireEnrolled();
        await SettleAsync();
        var now = time.GetUtcNow();
        AllowanceBook.Settle(S.Leases, now);
        if (Available <= 0)
        {
            throw PosException.Precondition($"Customer '{CustomerId}' has no points available to lease for offline spending.");
        }

        var lease = AllowanceBook.Grant(S.Leases, leaseId, storeId, registerId, Math.Min(maxAmount, Available), ttl, now);
        await WriteStateAsync();
        return AllowanceBook.View(leaseId, lease, Available, time.GetUtcNow());
    }

    public async Task<AllowanceView> RenewLeaseAsync(string leaseId, string storeId, string registerId, TimeSpan ttl)
    {
        var now = time.GetUtcNow();
        AllowanceBook.Settle(S.Leases, now);
        var lease = AllowanceBook.Renew(S.Leases, leaseId, storeId, registerId, ttl, now);
        await WriteStateAsync();
        return AllowanceBook.View(leaseId, lease, Available, time.GetUtcNow());
    }

    public async Task<AllowanceView> ReturnLeaseAsync(string leaseId, string storeId, string registerId)
    {
        var (lease, changed) = AllowanceBook.Return(S.Leases, leaseId, storeId, registerId, time.GetUtcNow());
        if (changed)
        {
            await WriteStateAsync();
        }

        return AllowanceBook.View(leaseId, lease, Available, time.GetUtcNow());
    }

    public Task<AllowanceView?> GetLeaseAsync(string leaseId) =>
        Task.FromResult(S.Leases.TryGetValue(leaseId, out var lease) ? AllowanceBook.View(leaseId, lease, Available, time.GetUtcNow()) : null);

    public async Task SpendLeaseAsync(AllowanceSpend spend)
    {
        if (AllowanceBook.Spend(S.Leases, S.LeaseSpends, spend, time.GetUtcNow()) is not { } beyond)
        {
            return;
        }

        // The customer already spent them offline: charged even beyond the allowance (points may go below zero).
        S.Points -= spend.Amount;
        S.LiabilityVersion++;
        S.Recent.Insert(0, new LoyaltyActivityView(spend.SpendId, spend.StoreId, -spend.Amount, 0, spend.At));
        if (S.Recent.Count > RecentKept)
        {
            S.Recent.RemoveRange(RecentKept, S.Recent.Count - RecentKept);
        }

        await WriteStateAsync();
        ReportLiability();
        metrics.LoyaltyApplied(0, 0, spend.Amount);
        if (beyond > 0)
        {
            logger.AllowanceOverspent(spend.SpendId, spend.StoreId, spend.RegisterId, "customer " + CustomerId, beyond, spend.LeaseId, S.Points);
            metrics.AllowanceOverspent(ChainPosMetrics.PointsAllowance, spend.StoreId, beyond);
        }
    }
}
