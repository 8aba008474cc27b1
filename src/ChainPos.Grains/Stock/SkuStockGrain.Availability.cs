using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Keeps the SKU's availability index current: after a write the absolute level it stored and its version go to
/// <see cref="IAvailabilityGrain"/> (per SKU) and <see cref="ILocationStockFeedGrain"/> (per location) in a timer turn that interleaves (the caller is not held up). The index is a
/// guide, not the authority, so pushes are debounced: at most one in flight and one per
/// <see cref="CommerceOptions.AvailabilityPushInterval"/>, each carrying the newest durable level — a flash sale of
/// thousands of grants a second costs the index a few writes a second. A failed push is retried until it lands.
/// </summary>
internal sealed partial class SkuStockGrain
{
    private IGrainTimer? _pushTimer;
    private LocationAvailability? _toPush;
    private bool _pushing;
    private bool _pushTimerArmed;
    private long _durableVersion;
    private DateTimeOffset _lastPush = DateTimeOffset.MinValue;

    private IAvailabilityGrain Index => GrainFactory.GetGrain<IAvailabilityGrain>(GrainKeys.Availability(_sku));

    private ILocationStockFeedGrain LocationFeed => GrainFactory.GetGrain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(_locationId));

    private LocationAvailability CurrentAvailability() =>
        new(_locationId, S.OnHand, S.Reserved, S.SafetyStock, S.Version, time.GetUtcNow());

    /// <summary>Queues a push of <paramref name="level"/>; call it only with a level that is durable (stored by a completed write).</summary>
    private void SchedulePush(LocationAvailability level)
    {
        _toPush = level;
        if (!_pushing && !_pushTimerArmed)
        {
            var due = _lastPush + options.Value.AvailabilityPushInterval - time.GetUtcNow();
            StartPushTimer(due > TimeSpan.Zero ? due : TimeSpan.Zero);
        }
    }

    private void StartPushTimer(TimeSpan due)
    {
        _pushTimer?.Dispose();
        _pushTimerArmed = true;
        _pushTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.PushAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private async Task PushAsync()
    {
        _pushTimerArmed = false;
        if (_pushing)
        {
            return;
        }

        _pushing = true;
        try
        {
            if (_toPush is { } level)
            {
                _lastPush = time.GetUtcNow();
                // Each ignores a version (or low-stock state) it already holds, so a retry after one failed is harmless to the others.
                await Task.WhenAll(Index.UpdateAsync(level), PushLocationFeedAsync(level), PushLowStockAsync());
                if (ReferenceEquals(_toPush, level))
                {
                    _toPush = null;
                }
            }
        }
        catch (Exception e)
        {
            logger.AvailabilityPushFailed(e, _sku, _locationId);
            _pushing = false;
            StartPushTimer(options.Value.RetryDelay);
            return;
        }
        finally
        {
            _pushing = false;
        }

        if (_toPush is { } newer)
        {
            SchedulePush(newer);
        }
    }

    // Only locations configured to publish a location-wide feed pay for it (CommerceOptions.LocationFeeds).
    private Task PushLocationFeedAsync(LocationAvailability level) =>
        options.Value.PublishesLocationFeed(_locationId) ? LocationFeed.UpdateAsync(_sku, level) : Task.CompletedTask;
}
