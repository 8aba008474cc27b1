using ChainPos.Api.V1;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// Stock quotas of the SKUs limited at this store, so the register sells at most what it leased of them while the link is
/// down. Online, with every queued sale synced, it leases each limited SKU up to its offline quota, renews leases past half
/// their life, and gives back those used up, expired or of a SKU no longer limited (a used-up one is replaced by a fresh
/// lease). Every sale of a limited SKU, online or offline, uses up the held quota in the transaction that journals it —
/// the platform consumes the lease for both when the sale reaches it. Offline, a line beyond what is left is refused.
/// </summary>
internal sealed partial class StockQuotaService(
    StockQuotaStore store, SaleJournal journal, PlatformClient platform, LinkState link, IOptions<AgentOptions> options, TimeProvider time,
    ILogger<StockQuotaService> logger) : ILeaseUpkeep, IDisposable
{
    private readonly AgentOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _usedUp = new(StringComparer.Ordinal);

    /// <summary>
    /// The units each limited SKU of the sale takes from this register's quota (lease id, units). Offline (<paramref name="enforce"/>)
    /// a limited SKU without a quota held, or beyond what is left of it, refuses the sale before any tender is taken.
    /// </summary>
    public List<(string LeaseId, long Units)> Take(IEnumerable<(string Sku, long Quantity)> lines, bool enforce)
    {
        var policies = store.Policies();
        var now = time.GetUtcNow();
        var uses = new List<(string, long)>();
        foreach (var (sku, units) in lines.Where(l => policies.ContainsKey(l.Sku)).GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(l => l.Quantity))))
        {
            var quota = store.Find(sku);
            if (enforce && (quota is null || quota.Granted == 0 || quota.ExpiresAt <= now))
            {
                throw AgentException.Conflict($"offline: SKU '{sku}' is limited and this register holds no quota of it, so it cannot be sold until the link returns.");
            }

            if (enforce && units > quota!.LeftAt(now))
            {
                throw AgentException.Conflict(quota.LeftAt(now) == 0
                    ? $"offline: the quota of SKU '{sku}' at this register is used up; it cannot be sold until the link returns."
                    : $"offline: only {quota.LeftAt(now)} of SKU '{sku}' can be sold at this register until the link returns.");
            }

            if (quota is not null)
            {
                uses.Add((quota.LeaseId, units));
            }
        }

        return uses;
    }

    /// <summary>Online with every queued sale synced (so the platform counted every sale): leases, renews and gives back quotas.</summary>
    public async Task KeepAsync(CancellationToken cancellationToken = default)
    {
        if (!link.Online || journal.Backlog().Count > 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var policies = store.Policies();
            var now = time.GetUtcNow();
            foreach (var quota in store.All())
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A lease noted but never answered (granted 0), expired or no longer needed goes back; a used-up one one upkeep
                // later, so the platform has counted the last sales against it (its outbox delivers them within moments).
                var usedUp = quota.Granted > 0 && quota.ExpiresAt > now && quota.LeftAt(now) == 0;
                if (usedUp && _usedUp.Add(quota.LeaseId))
                {
                    continue;
                }

                if (usedUp || quota.Granted == 0 || quota.ExpiresAt <= now || !policies.ContainsKey(quota.Sku))
                {
                    await ReturnAsync(quota);
                    _usedUp.Remove(quota.LeaseId);
                }
                else if (quota.ExpiresAt - now < _options.AllowanceTtl / 2)
                {
                    await CallAsync(quota, async () =>
                    {
                        var renewed = await platform.Sync.RenewStockQuotaAsync(Request(quota, (long)_options.AllowanceTtl.TotalSeconds), platform.Call(cancellationToken));
                        await store.SaveAsync(quota with { Granted = renewed.Granted, Used = renewed.Sold, ExpiresAt = renewed.ExpiresAt.ToDateTimeOffset() });
                    });
                }
            }

            foreach (var (sku, max) in policies)
            {
                if (link.Online && store.Find(sku) is null)
                {
                    await AcquireAsync(sku, max, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What the status page shows: each limited SKU, the quota held and what is left of it.</summary>
    public IEnumerable<object> View()
    {
        var now = time.GetUtcNow();
        // A lease noted but not granted yet (granted 0) is not held.
        return store.Policies().Select(p => (p.Key, p.Value, Quota: store.Find(p.Key) is { Granted: > 0 } q ? q : null)).Select(x => new
        {
            sku = x.Key, offlineQuota = x.Value, leaseId = x.Quota?.LeaseId, granted = x.Quota?.Granted ?? 0, used = x.Quota?.Used ?? 0,
            left = x.Quota?.LeftAt(now) ?? 0, expiresAt = x.Quota?.ExpiresAt,
        });
    }

    private async Task AcquireAsync(string sku, long max, CancellationToken cancellationToken)
    {
        var leaseId = $"quota-{Guid.NewGuid():N}";
        // Noted before the call with nothing granted: if the answer is lost, the next upkeep gives the lease back by its id.
        await store.SaveAsync(new LocalStockQuota(leaseId, sku, 0, 0, time.GetUtcNow()));
        try
        {
            var lease = await platform.Sync.AcquireStockQuotaAsync(new AcquireStockQuotaRequest
            {
                StoreId = _options.StoreId, RegisterId = _options.RegisterId, LeaseId = leaseId, Sku = sku, MaxUnits = max,
                TtlSeconds = (long)_options.AllowanceTtl.TotalSeconds,
            }, platform.Call(cancellationToken));
            await store.SaveAsync(new LocalStockQuota(leaseId, sku, lease.Granted, lease.Sold, lease.ExpiresAt.ToDateTimeOffset()));
            LogLeased(sku, lease.Granted);
        }
        catch (RpcException e)
        {
            // Nothing available (or the link): this register simply holds no quota of the SKU and will not sell it offline.
            LogNotLeased(sku, e.StatusCode, e.Status.Detail);
            if (LinkState.IsLinkFailure(e))
            {
                link.Down($"{e.StatusCode}: {e.Status.Detail}");
            }
            else
            {
                await store.DeleteAsync(leaseId);
            }
        }
    }

    private Task<bool> ReturnAsync(LocalStockQuota quota) => CallAsync(quota, async () =>
    {
        await platform.Sync.ReturnStockQuotaAsync(Request(quota, 0), platform.Call());
        await store.DeleteAsync(quota.LeaseId);
    });

    private Task<bool> CallAsync(LocalStockQuota quota, Func<Task> call) =>
        LeaseCalls.RunAsync(call, () => store.DeleteAsync(quota.LeaseId), link, e => LogCallFailed(quota.LeaseId, e.StatusCode, e.Status.Detail));

    private StockQuotaRequest Request(LocalStockQuota quota, long ttlSeconds) => new()
    {
        StoreId = _options.StoreId, RegisterId = _options.RegisterId, LeaseId = quota.LeaseId, Sku = quota.Sku, TtlSeconds = ttlSeconds,
    };

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Leased an offline quota of {Granted} units of {Sku}")]
    private partial void LogLeased(string sku, long granted);

    [LoggerMessage(Level = LogLevel.Information, Message = "No offline quota of {Sku} ({Code}: {Detail}); it is not sold offline")]
    private partial void LogNotLeased(string sku, StatusCode code, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stock quota {LeaseId}: the platform call failed ({Code}: {Detail}); will try again")]
    private partial void LogCallFailed(string leaseId, StatusCode code, string detail);
}
