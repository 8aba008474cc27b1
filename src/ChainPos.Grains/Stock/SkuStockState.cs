namespace ChainPos.Grains.Stock;

/// <summary>Persisted state of one SKU at one location (state name "stock").</summary>
[GenerateSerializer]
public sealed class SkuStockState
{
    [Id(0)] public long OnHand { get; set; }
    [Id(1)] public long Reserved { get; set; }
    [Id(2)] public long SafetyStock { get; set; }
    [Id(3)] public long ReorderPoint { get; set; }
    /// <summary>Highest sequence applied per source (a register): exact de-duplication of sale effects in constant space.</summary>
    [Id(4)] public Dictionary<string, long> HighWater { get; set; } = [];
    /// <summary>Recent operation ids (bounded, oldest first) for idempotent receipts, counts, adjustments and transfers.</summary>
    [Id(5)] public List<string> Operations { get; set; } = [];
}
