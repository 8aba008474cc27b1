using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Keeps the SKU's availability index current: after a write the absolute level it stored and its version go to
/// <see cref="IAvailabilityGrain"/> (per SKU), <see cref="ILocationStockFeedGrain"/> (per location, where configured)
/// and the low-stock index, through a <see cref="DebouncedPush{T}"/> (the caller is not held up). The index is a guide,
/// not the authority, so pushes are debounced: at most one in flight and one per
/// <see cref="CommerceOptions.AvailabilityPushInterval"/>, each carrying the newest durable level — a flash sale of
/// thousands of grants a second costs the index a few writes a second. A failed push is retried until it lands.
/// </summary>
internal sealed partial class SkuStockGrain
{
    private DebouncedPush<LocationAvailability>? _push;
    private long _durableVersion;

    private IAvailabilityGrain Index => GrainFactory.Grain<IAvailabilityGrain>(GrainKeys.Availability(_sku));

    private ILocationStockFeedGrain LocationFeed => GrainFactory.Grain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(_locationId));

    private DebouncedPush<LocationAvailability> Push => _push ??= new(
        this,
        SendLevelAsync,
        () => options.Value.AvailabilityPushInterval,
        () => options.Value.RetryDelay,
        time,
        (error, _) => logger.AvailabilityPushFailed(error, _sku, _locationId));

    private LocationAvailability CurrentAvailability() =>
        new(_locationId, S.OnHand, S.Reserved, S.SafetyStock, S.Version, time.GetUtcNow());

    /// <summary>Queues a push of <paramref name="level"/>; call it only with a level that is durable (stored by a completed write).</summary>
    private void SchedulePush(LocationAvailability level) => Push.Schedule(level);

    // Each receiver ignores a version (or low-stock state) it already holds, so a retry after one failed is harmless to the others.
    private Task SendLevelAsync(LocationAvailability level) =>
        Task.WhenAll(Index.UpdateAsync(level), PushLocationFeedAsync(level), PushLowStockAsync());

    // Only locations configured to publish a location-wide feed pay for it (CommerceOptions.LocationFeeds).
    private Task PushLocationFeedAsync(LocationAvailability level) =>
        options.Value.PublishesLocationFeed(_locationId) ? LocationFeed.UpdateAsync(_sku, level) : Task.CompletedTask;
}
