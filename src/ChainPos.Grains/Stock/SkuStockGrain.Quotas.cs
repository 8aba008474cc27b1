using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Allowances;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Offline quotas of a limited SKU (<see cref="SkuStockState.OfflineQuota"/> above 0): a register leases a few units
/// (<see cref="AllowanceBook"/> keeps the leases, as for gift card and points allowances) and they are counted in
/// <see cref="SkuStockState.Reserved"/> while the lease is active, so online reservations cannot take them.
/// <para>
/// A lease is consumed by the register's own accounting: every sale of this SKU its outbox delivers while it holds an
/// active lease (<see cref="ApplyDeltasAsync"/>, de-duplicated by the register's sequence, so exactly once) shrinks the
/// lease by the units sold, whether the sale was made online or offline — the agent counts its quota down the same way.
/// No sale carries the lease id, so nothing new crosses the offline sale path. A sale beyond what the lease held is
/// applied all the same (the goods left with the customer), logged and counted as overspend. Returns do not refill a
/// lease. A lease ends when returned or <see cref="AllowanceBook.ExpiryGrace"/> after its expiry; that is settled by the
/// grain's next write (a reservation, a sale, a lease call), which then gives the unsold units back to available.
/// </para>
/// </summary>
internal sealed partial class SkuStockGrain
{
    public async Task<AllowanceView> LeaseQuotaAsync(string leaseId, string storeId, string registerId, long maxUnits, TimeSpan ttl)
    {
        Writer.ThrowIfFailed();
        if (AllowanceBook.FindRepeat(S.QuotaLeases, leaseId, storeId, registerId) is { } repeat)
        {
            await DurableAsync();
            return QuotaView(leaseId, repeat);
        }

        if (storeId != _locationId)
        {
            throw PosException.Invalid($"A register of store {storeId} cannot lease stock of location {_locationId}.");
        }

        AllowanceBook.RequireValid(maxUnits, ttl);
        if (S.OfflineQuota <= 0)
        {
            throw PosException.Precondition($"{_sku} is not limited at {_locationId} (no offline quota): it sells offline without a quota.");
        }

        var expired = ExpireDue();
        RecountQuota();
        var now = time.GetUtcNow();
        var registerHeld = S.QuotaLeases.Values
            .Where(l => l.Status == AllowanceStatus.Active && l.StoreId == storeId && l.RegisterId == registerId)
            .Sum(l => Math.Max(0, l.Granted - l.Spent));
        var available = S.OnHand - S.Reserved - S.SafetyStock;
        var granted = Math.Min(Math.Min(maxUnits, S.OfflineQuota - registerHeld), available);
        if (granted <= 0)
        {
            await SaveAsync();
            RecordExpired(expired);
            throw PosException.Precondition(registerHeld >= S.OfflineQuota
                ? $"Register {storeId}/{registerId} already holds the offline quota of {_sku} ({S.OfflineQuota})."
                : $"{_sku} at {_locationId} has nothing available to lease for offline selling.");
        }

        var lease = AllowanceBook.Grant(S.QuotaLeases, leaseId, storeId, registerId, granted, ttl, now);
        RecountQuota();
        var view = QuotaView(leaseId, lease);
        await SaveAsync();
        RecordExpired(expired);
        return view;
    }

    public async Task<AllowanceView> RenewQuotaAsync(string leaseId, string storeId, string registerId, TimeSpan ttl)
    {
        Writer.ThrowIfFailed();
        RecountQuota();
        var lease = AllowanceBook.Renew(S.QuotaLeases, leaseId, storeId, registerId, ttl, time.GetUtcNow());
        var view = QuotaView(leaseId, lease);
        await SaveAsync();
        return view;
    }

    public async Task<AllowanceView> ReturnQuotaAsync(string leaseId, string storeId, string registerId)
    {
        Writer.ThrowIfFailed();
        var settled = RecountQuota();
        var (lease, changed) = AllowanceBook.Return(S.QuotaLeases, leaseId, storeId, registerId, time.GetUtcNow());
        if (changed || settled)
        {
            RecountQuota();
            var view = QuotaView(leaseId, lease);
            await SaveAsync();
            return view;
        }

        await DurableAsync();
        return QuotaView(leaseId, lease);
    }

    private AllowanceView QuotaView(string leaseId, AllowanceEntry lease) =>
        AllowanceBook.View(leaseId, lease, Level().Available, time.GetUtcNow());

    /// <summary>
    /// Settles quota leases past expiry and grace and brings <see cref="SkuStockState.Reserved"/> in line with what the
    /// active leases hold (in memory; the caller saves). True when anything changed.
    /// </summary>
    private bool RecountQuota()
    {
        if (S.QuotaLeases.Count == 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var changed = AllowanceBook.Settle(S.QuotaLeases, now);
        var held = AllowanceBook.Held(S.QuotaLeases, now);
        if (held != S.QuotaHeld)
        {
            S.Reserved += held - S.QuotaHeld;
            S.QuotaHeld = held;
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Call before the deltas are applied (same turn): the units the source register sold in the new deltas shrink its
    /// active quota leases, soonest expiry first. Returns the units sold beyond them and the lease charged with those,
    /// or null when the register holds no active lease here or nothing was beyond.
    /// </summary>
    private (long Beyond, string LeaseId)? ConsumeQuota(string source, IReadOnlyList<SequencedStockDelta> deltas, long mark)
    {
        if (S.QuotaLeases.Count == 0)
        {
            return null;
        }

        long sold = 0;
        foreach (var delta in deltas)
        {
            if (delta.Sequence > mark)
            {
                mark = delta.Sequence;
                sold += Math.Max(0, -delta.Quantity);
            }
        }

        RecountQuota();
        var leases = S.QuotaLeases
            .Where(l => l.Value.Status == AllowanceStatus.Active && $"{l.Value.StoreId}/{l.Value.RegisterId}" == source)
            .OrderBy(l => l.Value.ExpiresAt)
            .ToList();
        if (sold == 0 || leases.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        foreach (var (_, lease) in leases)
        {
            var take = Math.Min(sold, Math.Max(0, lease.Granted - lease.Spent));
            lease.Spent += take;
            lease.ChangedAt = now;
            sold -= take;
        }

        var (lastId, last) = leases[^1];
        last.Spent += sold; // beyond every lease: recorded on the last one, the sale itself is never refused
        RecountQuota();
        return sold > 0 ? (sold, lastId) : null;
    }

    private void ReportOverQuota(string source, (long Beyond, string LeaseId)? over)
    {
        if (over is not { } o)
        {
            return;
        }

        logger.StockQuotaOverspent(_sku, _locationId, source, o.Beyond, o.LeaseId, S.OnHand);
        metrics.AllowanceOverspent(ChainPosMetrics.StockQuotaAllowance, _locationId, o.Beyond);
    }
}
