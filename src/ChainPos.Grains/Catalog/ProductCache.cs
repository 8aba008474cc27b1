using System.Collections.Concurrent;
using System.Diagnostics;
using ChainPos.Abstractions.Catalog;
using ChainPos.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Catalog;

/// <summary>
/// This silo's copy of the products its grains have looked up, so a sale does not ask a catalogue shard for every
/// line (4.2 shard calls per chain-day sale before it). It stays exact through a watch on <see cref="ICatalogGrain"/>:
/// <list type="bullet">
/// <item>The cache renews a lease every quarter of <see cref="CheckoutOptions.ProductCacheLease"/>. While the lease
/// holds, the catalogue grain tells the cache of every change before acknowledging it, and the cache drops those SKUs.
/// </item>
/// <item>Without a current lease (not yet granted, or a renewal failed), nothing is served from the copy: lookups go to
/// the shards. A lease is counted from when its renewal was sent, less a second, so it ends here before it ends at the
/// catalogue grain. A renewal that starts a new watch (the grain had lost track of this cache) empties the copy.</item>
/// <item>A lookup that raced with a change is not kept: every change bumps a generation, and a shard answer is stored
/// only if the generation is the one the lookup started under.</item>
/// </list>
/// Grains call it from their turns; the watch runs on the thread pool (an observer cannot be made inside a grain).
/// </summary>
internal sealed class ProductCache : ICatalogChangeObserver, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly CheckoutOptions _options;
    private readonly ILogger<ProductCache> _logger;
    private readonly ConcurrentDictionary<string, ProductInfo> _products = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private long _generation;
    private long _validUntil; // Stopwatch timestamp; 0 = no lease
    private long _watchEpoch; // bumped when the catalogue grain ends the watch
    private int _watching;
    private int _disposed;

    public ProductCache(IGrainFactory grains, IOptions<CheckoutOptions> options, ILogger<ProductCache> logger)
    {
        _grains = grains;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Whether the copy holds <paramref name="sku"/> (tests).</summary>
    public bool Holds(string sku) => _products.ContainsKey(sku);

    /// <summary>Whether the copy may be served now.</summary>
    private bool Leased => Stopwatch.GetTimestamp() < Volatile.Read(ref _validUntil);

    /// <summary>The products among <paramref name="skus"/> that exist (active or not), by SKU.</summary>
    public async Task<Dictionary<string, ProductInfo>> GetAsync(IEnumerable<string> skus)
    {
        var found = new Dictionary<string, ProductInfo>(StringComparer.Ordinal);
        var wanted = skus.Distinct(StringComparer.Ordinal);
        if (_options.ProductCacheLease <= TimeSpan.Zero)
        {
            await ReadShardsAsync([.. wanted], found);
            return found;
        }

        StartWatching();
        var generation = Volatile.Read(ref _generation);
        var leased = Leased;
        List<string>? missing = null;
        foreach (var sku in wanted)
        {
            if (leased && _products.TryGetValue(sku, out var product))
            {
                found[sku] = product;
            }
            else
            {
                (missing ??= []).Add(sku);
            }
        }

        if (missing is null)
        {
            return found;
        }

        var read = new Dictionary<string, ProductInfo>(StringComparer.Ordinal);
        await ReadShardsAsync(missing, read);
        foreach (var (sku, product) in read)
        {
            found[sku] = product;
        }

        lock (_gate)
        {
            // Kept only if no change arrived meanwhile and the lease still holds (a change or a new watch bumps it).
            if (leased && Leased && _generation == generation && _products.Count + read.Count <= _options.ProductCacheMaxEntries)
            {
                foreach (var (sku, product) in read)
                {
                    _products[sku] = product;
                }
            }
        }

        return found;
    }

    public Task ProductsChangedAsync(long version, IReadOnlyList<string> skus)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var sku in skus)
            {
                _products.TryRemove(sku, out _);
            }
        }

        return Task.CompletedTask;
    }

    public Task WatchEndedAsync()
    {
        lock (_gate)
        {
            Volatile.Write(ref _validUntil, 0);
            _generation++;
            _watchEpoch++; // a renewal answered by the ended activation must not revive the lease
            _products.Clear();
        }

        return Task.CompletedTask;
    }

    private async Task ReadShardsAsync(IReadOnlyCollection<string> skus, Dictionary<string, ProductInfo> into)
    {
        var lookups = skus
            .GroupBy(GrainKeys.CatalogShardOf)
            .Select(g => _grains.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key)).GetAsync([.. g]));
        foreach (var products in await Task.WhenAll(lookups))
        {
            foreach (var product in products)
            {
                into[product.Sku] = product;
            }
        }
    }

    private void StartWatching()
    {
        if (Interlocked.Exchange(ref _watching, 1) == 0)
        {
            // On the thread pool: an observer reference cannot be made from a grain's turn.
            _ = Task.Run(WatchAsync);
        }
    }

    private async Task WatchAsync()
    {
        var lease = _options.ProductCacheLease;
        var catalog = _grains.Grain<ICatalogGrain>(GrainKeys.Catalog);
        ICatalogChangeObserver? self = null;
        var stop = _stopping.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                self ??= _grains.CreateObjectReference<ICatalogChangeObserver>(this);
                long epoch;
                lock (_gate)
                {
                    epoch = _watchEpoch;
                }

                var sent = Stopwatch.GetTimestamp();
                var continued = await catalog.WatchAsync(self, lease);
                bool current;
                lock (_gate)
                {
                    current = epoch == _watchEpoch;
                    if (current)
                    {
                        if (!continued)
                        {
                            _generation++;
                            _products.Clear();
                        }

                        Volatile.Write(ref _validUntil, sent + (long)((lease - LeaseMargin).TotalSeconds * Stopwatch.Frequency));
                    }
                }

                // A watch that ended while this renewal was under way is renewed again at once, with the new activation.
                await Task.Delay(current ? lease / 4 : TimeSpan.Zero, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.CacheWatchFailed(e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Registered as itself and as a lifecycle participant, so the container disposes it twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ProductCache), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _stopping.Cancel();
            }

            return Task.CompletedTask;
        });
}
