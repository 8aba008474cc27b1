using ChainPos.Api.V1;
using ChainPos.StoreAgent.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Offline;

/// <summary>
/// Keeps the catalogue copy, the store settings, the staff PIN verifiers and the store's limited SKUs current: delta sync by the (version, sku)
/// cursor while online.
/// </summary>
internal sealed partial class CatalogSync(
    CatalogCache catalog, StaffStore staff, StockQuotaStore quotas, PlatformClient platform, LinkState link, IOptions<AgentOptions> options, TimeProvider time, ILogger<CatalogSync> logger)
    : BackgroundService
{
    // Until the first copy is in the register cannot sell: a failed attempt is tried again at least this often,
    // however long the journal's interval is set.
    private static readonly TimeSpan FirstCopyRetry = TimeSpan.FromSeconds(2);
    private readonly AgentOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CatalogInterval, time);
        do
        {
            // Until the first full copy is in, keep trying at the journal's pace, or every 2 s if that is slower.
            while (!await TrySyncAsync(stoppingToken) && catalog.Count == 0)
            {
                await Task.Delay(_options.SyncInterval < FirstCopyRetry ? _options.SyncInterval : FirstCopyRetry, time, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // A failure that is not the link's (the SQLite file busy, say) is logged and tried again: it must not stop the agent.
    private async Task<bool> TrySyncAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await SyncOnceAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSyncFailed(e);
            return false;
        }
    }

    /// <summary>Pulls the store settings and every catalogue change since the cursor; false when the platform could not be reached.</summary>
    public async Task<bool> SyncOnceAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var store = await platform.Stores.GetStoreAsync(new GetStoreRequest { StoreId = _options.StoreId }, platform.Call(cancellationToken));
            await catalog.SaveStoreAsync(store);
            var verifiers = await platform.Sync.GetStaffVerifiersAsync(new GetStaffVerifiersRequest { StoreId = _options.StoreId }, platform.Call(cancellationToken));
            await staff.ReplaceAsync(verifiers.Staff);
            // Which SKUs are limited at this store: the quota upkeep leases them, offline sales of them are held to the lease.
            var policies = await platform.Sync.GetStockQuotaPoliciesAsync(new GetStockQuotaPoliciesRequest { StoreId = _options.StoreId }, platform.Call(cancellationToken));
            await quotas.ReplacePoliciesAsync(policies.Policies.Select(p => (p.Sku, p.OfflineQuota)));
            var cursor = catalog.Cursor;
            var changed = 0;
            while (true)
            {
                var page = await platform.Catalog.SyncCatalogAsync(new SyncCatalogRequest { Cursor = cursor, PageSize = 1000 }, platform.Call(cancellationToken));
                await catalog.ApplyPageAsync(page.Products, page.NextCursor, page.CatalogVersion);
                changed += page.Products.Count;
                cursor = page.NextCursor;
                if (!page.HasMore)
                {
                    break;
                }
            }

            link.Up();
            if (changed > 0)
            {
                LogCatalogSynced(changed, catalog.Version);
            }

            return true;
        }
        catch (RpcException e)
        {
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Catalogue sync failed; it is tried again")]
    private partial void LogSyncFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue copy updated: {Changed} products changed, version {Version}")]
    private partial void LogCatalogSynced(int changed, long version);
}
