using ChainPos.Abstractions.Allowances;
using ChainPos.Grains.Allowances;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.GiftCards;

/// <summary>Allowances of this card's money leased to registers for offline spending (<see cref="AllowanceBook"/>).</summary>
internal sealed partial class GiftCardGrain
{
    public async Task<AllowanceView> LeaseAsync(string leaseId, string storeId, string registerId, long maxAmount, TimeSpan ttl)
    {
        if (AllowanceBook.FindRepeat(S.Leases, leaseId, storeId, registerId) is { } repeat)
        {
            return AllowanceBook.View(leaseId, repeat, Available, time.GetUtcNow());
        }

        AllowanceBook.RequireValid(maxAmount, ttl);
        RequireIssued();
        await SettleAsync();
        var now = time.GetUtcNow();
        AllowanceBook.Settle(S.Leases, now);
        if (Available <= 0)
        {
            throw PosException.Precondition($"Gift card {S.MaskedCode} has nothing available to lease for offline spending.");
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

        // The goods left the store with the customer: the spend is charged even beyond the allowance.
        S.Balance -= spend.Amount;
        S.LiabilityVersion++;
        await WriteStateAsync();
        ReportLiability();
        metrics.GiftCard(ChainPosMetrics.Tags.Capture, spend.Amount, S.Currency);
        if (beyond > 0)
        {
            logger.AllowanceOverspent(spend.SpendId, spend.StoreId, spend.RegisterId, S.MaskedCode, beyond, spend.LeaseId, S.Balance);
            metrics.AllowanceOverspent(ChainPosMetrics.GiftCardAllowance, spend.StoreId, beyond);
        }
    }
}
