using ChainPos.Abstractions.Stock;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Feeds the location's low-stock index (<see cref="ILowStockGrain"/>): a stored level goes there while the SKU is at
/// or below its reorder point, and once more when it leaves it. It rides on the availability push (same timer, same
/// debounce and retry), so a sale adds no durable write here and a SKU above its reorder point costs the index nothing.
/// </summary>
internal sealed partial class SkuStockGrain
{
    private LowStockSignal? _lowToPush;
    private bool _listedLow;

    private ILowStockGrain LowStockIndex => GrainFactory.Grain<ILowStockGrain>(GrainKeys.LowStock(_locationId));

    private LowStockSignal CurrentLowStock() =>
        new(_sku, S.OnHand, S.Reserved, S.ReorderPoint, S.TargetLevel, S.Version, time.GetUtcNow());

    /// <summary>Queues a durable level for the index when it is low or was listed (after a restart: when a policy is set).</summary>
    private void QueueLowStock(LowStockSignal signal, bool onActivation = false)
    {
        if (onActivation)
        {
            _listedLow = signal.ReorderPoint > 0;
        }

        if (signal.IsLow || _listedLow)
        {
            _lowToPush = signal;
            _listedLow = signal.IsLow;
        }
    }

    private async Task PushLowStockAsync()
    {
        if (_lowToPush is { } signal)
        {
            await LowStockIndex.UpdateAsync(signal);
            if (ReferenceEquals(_lowToPush, signal))
            {
                _lowToPush = null;
            }
        }
    }
}
