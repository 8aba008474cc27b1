namespace ChainPos.Abstractions.Stock;

/// <summary>
/// A SKU's level and reorder policy at one location, as a stock grain stored it (with its version), sent to the
/// location's low-stock index whenever the SKU is at or below its reorder point, or has just left it.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.LowStockSignal")]
public sealed record LowStockSignal(string Sku, long OnHand, long Reserved, long ReorderPoint, long TargetLevel, long Version, DateTimeOffset At)
{
    /// <summary>Low when a reorder point is set and on hand is at or below it.</summary>
    public bool IsLow => ReorderPoint > 0 && OnHand <= ReorderPoint;

    /// <summary>The level a reorder fills up to: the target level, or twice the reorder point when none is set.</summary>
    public long EffectiveTarget => TargetLevel > ReorderPoint ? TargetLevel : 2 * ReorderPoint;

    /// <summary>Units to order so that on hand reaches the target level (never below 1 while low).</summary>
    public long SuggestedQuantity => Math.Max(1, EffectiveTarget - OnHand);
}

/// <summary>
/// The low-stock index of one location: the SKUs at or below their reorder point, fed by the location's stock
/// grains (both directions), so the list is read without scanning any stock grain. Key: <see cref="GrainKeys.LowStock"/>.
/// </summary>
public interface ILowStockGrain : IGrainWithStringKey
{
    /// <summary>Lists or unlists a SKU; a signal at or below the version held is ignored.</summary>
    Task UpdateAsync(LowStockSignal signal);

    /// <summary>The SKUs now low, ordered by SKU.</summary>
    [ReadOnly]
    Task<IReadOnlyList<LowStockSignal>> GetAsync();
}
