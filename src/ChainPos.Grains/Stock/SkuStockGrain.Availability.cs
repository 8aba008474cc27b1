using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Keeps the SKU's availability index current: after each write the absolute level and its version go to
/// <see cref="IAvailabilityGrain"/> in a timer turn that interleaves (the caller is not held up, and a burst of
/// changes is coalesced into one push of the latest level). A failed push is retried until it lands.
/// </summary>
internal sealed partial class SkuStockGrain
{
    private IGrainTimer? _pushTimer;
    private LocationAvailability? _toPush;
    private bool _pushing;

    private IAvailabilityGrain Index => GrainFactory.GetGrain<IAvailabilityGrain>(GrainKeys.Availability(_sku));

    /// <summary>Queues a push of the current level; call it only when that level is durable (after the write).</summary>
    private void SchedulePush()
    {
        // Snapshot now: a push interleaves with later calls, whose levels are not durable until their write returns.
        _toPush = new LocationAvailability(_locationId, S.OnHand, S.Reserved, S.SafetyStock, S.Version, time.GetUtcNow());
        if (!_pushing)
        {
            StartPushTimer(TimeSpan.Zero);
        }
    }

    private void StartPushTimer(TimeSpan due)
    {
        _pushTimer?.Dispose();
        _pushTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.PushAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private async Task PushAsync()
    {
        if (_pushing)
        {
            return;
        }

        _pushing = true;
        try
        {
            while (_toPush is { } level)
            {
                await Index.UpdateAsync(level);
                if (ReferenceEquals(_toPush, level))
                {
                    _toPush = null;
                }
            }
        }
        catch (Exception e)
        {
            logger.AvailabilityPushFailed(e, _sku, _locationId);
            StartPushTimer(options.Value.RetryDelay);
        }
        finally
        {
            _pushing = false;
        }
    }
}
