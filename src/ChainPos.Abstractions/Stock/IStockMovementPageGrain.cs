namespace ChainPos.Abstractions.Stock;

/// <summary>
/// One slot of a stock grain's older movement history: a full page of movements, oldest first, that the stock grain
/// moved out of its own state so its per-sale write stays small. The stock grain writes its pages into a ring of slots
/// (<see cref="GrainKeys.StockMovementPage"/>), so the newest pages overwrite the oldest. Only the stock grain writes.
/// </summary>
public interface IStockMovementPageGrain : IGrainWithStringKey
{
    /// <summary>Stores page <paramref name="pageNo"/> in this slot; storing the page the slot already holds changes nothing.</summary>
    Task WriteAsync(long pageNo, IReadOnlyList<StockMovement> movements);

    /// <summary>Page <paramref name="pageNo"/>, oldest first, or null when the slot holds another page (or none).</summary>
    [ReadOnly]
    Task<IReadOnlyList<StockMovement>?> ReadAsync(long pageNo);
}
