using ChainPos.Abstractions.Stock;
using ChainPos.Storage;

namespace ChainPos.Grains.Stock;

/// <summary>Persisted state of a movement-history slot (state name "stkmv").</summary>
[GenerateSerializer]
public sealed class StockMovementPageState
{
    /// <summary>Which page of the stock grain's history the slot holds; -1 before the first.</summary>
    [Id(0)] public long PageNo { get; set; } = -1;
    [Id(1)] public List<StockMovement> Movements { get; set; } = [];
}

/// <summary>A slot of a stock grain's older movements (see <see cref="IStockMovementPageGrain"/>).</summary>
internal sealed class StockMovementPageGrain(
    [PersistentState("stkmv", StorageNames.Grains)] IPersistentState<StockMovementPageState> state) : Grain, IStockMovementPageGrain
{
    public async Task WriteAsync(long pageNo, IReadOnlyList<StockMovement> movements)
    {
        if (state.State.PageNo == pageNo && state.RecordExists)
        {
            return; // a page never changes once written: this is the stock grain retrying after a crash
        }

        var previous = state.State;
        state.State = new StockMovementPageState { PageNo = pageNo, Movements = [.. movements] };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: forget it, so the stock grain's retry of the same page is written, not taken as done.
            state.State = previous;
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<IReadOnlyList<StockMovement>?> ReadAsync(long pageNo) =>
        Task.FromResult<IReadOnlyList<StockMovement>?>(state.State.PageNo == pageNo ? state.State.Movements : null);
}
