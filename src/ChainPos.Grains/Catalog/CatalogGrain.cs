using ChainPos.Abstractions.Catalog;
using ChainPos.Grains.Hosting;
using ChainPos.Storage;
using Microsoft.Extensions.Logging;

namespace ChainPos.Grains.Catalog;

/// <summary>
/// Single writer of the catalogue; see <see cref="ICatalogGrain"/>. It also keeps the silos' product caches honest
/// (<see cref="ProductCache"/>): each holds a watch (a lease it renews), and a change is acknowledged only once every
/// cache that may hold the old products has dropped them: it was told, or its watch has lapsed.
/// </summary>
internal sealed class CatalogGrain(
    [PersistentState("catalog", StorageNames.Grains)] IPersistentState<CatalogState> state,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    // Leases are real time between processes (the caches count theirs on their own monotonic clock), so they are not
    // measured on the injected TimeProvider, which tests replace with a clock they move by hand.
    private static readonly TimeProvider Clock = TimeProvider.System;

    private const int MaxRecentOperations = 1000;
    private const int MaxProductsPerCall = 5000;

    /// <summary>How long a cache that could not be told may take to be told (its call times out after this).</summary>
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Clocks of silos may differ by this much: a persisted wall-clock bound is waited out with this on top.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MinLease = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxLease = TimeSpan.FromMinutes(5);

    // Watching caches and when each watch lapses (this silo's clock). In memory only: see WatchedUntil.
    private readonly Dictionary<ICatalogChangeObserver, DateTimeOffset> _watchers = [];

    // Caches watched through an earlier activation may serve products until then (read from storage at activation).
    private DateTimeOffset _unknownWatchersUntil;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _unknownWatchersUntil = state.State.WatchedUntil;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var current = _watchers.Where(w => w.Value > now).Select(w => w.Key).ToList();
        if (current.Count == 0 && state.State.WatchedUntil == default)
        {
            return;
        }

        // Tell the caches whose watch still holds that it ends (a lapsed one serves nothing already); if all of them
        // heard it, the next activation need not wait for them.
        var told = await Task.WhenAll(current.Select(async watcher =>
        {
            try
            {
                await watcher.WatchEndedAsync().WaitAsync(NotifyTimeout, cancellationToken);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }));
        if (told.All(t => t) && _unknownWatchersUntil <= Clock.GetUtcNow() && state.State.WatchedUntil != default)
        {
            state.State.WatchedUntil = default;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<long> UpsertAsync(string operationId, IReadOnlyList<ProductInfo> products)
    {
        Ids.Require(operationId, "operation_id");
        if (state.State.RecentOperations.TryGetValue(operationId, out var done))
        {
            return done;
        }

        if (products.Count is 0 or > MaxProductsPerCall)
        {
            throw PosException.Invalid($"Send 1..{MaxProductsPerCall} products per call (got {products.Count}).");
        }

        foreach (var product in products)
        {
            ProductValidator.Validate(product);
        }

        if (products.Select(p => p.Sku).Distinct(StringComparer.Ordinal).Count() != products.Count)
        {
            throw PosException.Invalid("A SKU appears twice in one upsert; send each product once.");
        }

        var version = state.State.PublishedVersion + 1;
        var writes = products
            .GroupBy(p => GrainKeys.CatalogShardOf(p.Sku))
            .Select(g => GrainFactory.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key))
                .UpsertAsync(version, g.Select(p => p with { Version = version }).ToList()));
        await Task.WhenAll(writes);

        // No cache may go on serving the old products once the change is acknowledged.
        await DropFromCachesAsync(version, [.. products.Select(p => p.Sku)]);

        // Published only once every shard holds the change: readers never see a gap.
        state.State.PublishedVersion = version;
        state.State.RecentOperations[operationId] = version;
        if (state.State.RecentOperations.Count > MaxRecentOperations)
        {
            foreach (var stale in state.State.RecentOperations.OrderBy(kv => kv.Value).Take(state.State.RecentOperations.Count - MaxRecentOperations).ToList())
            {
                state.State.RecentOperations.Remove(stale.Key);
            }
        }

        await state.WriteStateAsync();
        return version;
    }

    public Task<long> GetPublishedVersionAsync() => Task.FromResult(state.State.PublishedVersion);

    public async Task<bool> WatchAsync(ICatalogChangeObserver observer, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lease = lease < MinLease ? MinLease : lease > MaxLease ? MaxLease : lease;
        var now = Clock.GetUtcNow();
        // Still listed means it was told of every change since it was added (one it could not be told of removes it).
        var continued = _watchers.ContainsKey(observer);
        _watchers[observer] = now + lease;
        if (now + lease > state.State.WatchedUntil)
        {
            // Persisted ahead of need (twice the lease), so most renewals write nothing.
            state.State.WatchedUntil = now + lease + lease;
            await state.WriteStateAsync();
        }

        return continued;
    }

    private async Task DropFromCachesAsync(long version, IReadOnlyList<string> skus)
    {
        var now = Clock.GetUtcNow();
        foreach (var lapsed in _watchers.Where(w => w.Value <= now).Select(w => w.Key).ToList())
        {
            // Its lease is over, so it serves nothing it holds; at its next renewal it starts anew.
            _watchers.Remove(lapsed);
        }

        var watchers = _watchers.ToList();
        var told = await Task.WhenAll(watchers.Select(async w =>
        {
            try
            {
                await w.Key.ProductsChangedAsync(version, skus).WaitAsync(NotifyTimeout);
                return true;
            }
            catch (Exception e)
            {
                logger.CacheNotTold(e, version);
                return false;
            }
        }));

        // A cache that was not told (its silo is gone or stuck) may serve old products until its watch lapses; it is
        // dropped from the list, so its next renewal starts anew and empties it.
        var waitUntil = _unknownWatchersUntil > now ? _unknownWatchersUntil + ClockSkew : DateTimeOffset.MinValue;
        for (var i = 0; i < watchers.Count; i++)
        {
            if (!told[i])
            {
                _watchers.Remove(watchers[i].Key);
                waitUntil = watchers[i].Value > waitUntil ? watchers[i].Value : waitUntil;
            }
        }

        if (waitUntil - Clock.GetUtcNow() is var remaining && remaining > TimeSpan.Zero)
        {
            logger.CatalogChangeWaitsForCaches(version, remaining);
            await Task.Delay(remaining, Clock);
        }

        if (_unknownWatchersUntil <= Clock.GetUtcNow())
        {
            _unknownWatchersUntil = default;
        }
    }
}
