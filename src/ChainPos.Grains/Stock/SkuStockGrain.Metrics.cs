using ChainPos.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChainPos.Grains.Stock;

/// <summary>Stock-out and negative-stock events, counted once per durable change of on hand that crosses the line.</summary>
internal sealed partial class SkuStockGrain
{
    private ChainPosMetrics? _metrics;

    /// <summary>Called after the write that moved on hand from <paramref name="before"/> to its current value.</summary>
    private void OnHandChanged(long before)
    {
        if (S.OnHand < 0 && before >= 0)
        {
            logger.StockWentNegative(_sku, _locationId, S.OnHand);
        }

        (_metrics ??= ServiceProvider.GetRequiredService<ChainPosMetrics>()).StockLevelChanged(_locationId, before, S.OnHand);
    }
}
