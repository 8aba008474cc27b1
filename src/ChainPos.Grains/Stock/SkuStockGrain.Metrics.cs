using ChainPos.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChainPos.Grains.Stock;

/// <summary>Stock-out and negative-stock events, counted once per durable change of on hand that crosses the line.</summary>
internal sealed partial class SkuStockGrain
{
    private ChainPosMetrics? _metrics;

    /// <summary>
    /// Called after the write that stored a change of on hand from <paramref name="before"/> to <paramref name="after"/>,
    /// both taken when the change was made: the grain interleaves calls while a write is in flight (a delivery's write
    /// may wait for others), so on hand may have moved on by the time the write completes.
    /// </summary>
    private void OnHandChanged(long before, long after)
    {
        if (after < 0 && before >= 0)
        {
            logger.StockWentNegative(_sku, _locationId, after);
        }

        (_metrics ??= ServiceProvider.GetRequiredService<ChainPosMetrics>()).StockLevelChanged(_locationId, before, after);
    }
}
