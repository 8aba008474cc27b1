using ChainPos.Abstractions.Checkout;
using ChainPos.Storage;

namespace ChainPos.Grains.Checkout;

internal sealed class SuspendedSalesGrain(
    [PersistentState("parked", StorageNames.Grains)] IPersistentState<SuspendedSalesState> state) : Grain, ISuspendedSalesGrain
{
    private const int MaxParked = 200;
    private const int ResumedKept = 200;

    public async Task<SuspendedSale> SuspendAsync(SuspendedSale sale)
    {
        Ids.Require(sale.SuspendId, "suspend_id");
        if (state.State.Sales.FirstOrDefault(s => s.SuspendId == sale.SuspendId) is { } parked)
        {
            return parked;
        }

        if (state.State.Resumed.Contains(sale.SuspendId))
        {
            throw new PosException(ErrorCode.AlreadyExists, $"Basket '{sale.SuspendId}' was already parked and resumed; use a new id.");
        }

        if (sale.Lines.Count is 0 or > 500)
        {
            throw PosException.Invalid($"A parked basket needs 1..500 lines (got {sale.Lines.Count}).");
        }

        if (state.State.Sales.Count >= MaxParked)
        {
            throw new PosException(ErrorCode.ResourceExhausted, $"The store already has {MaxParked} parked baskets; resume or clear some first.");
        }

        state.State.Sales.Add(sale);
        await state.WriteStateAsync();
        return sale;
    }

    public async Task<SuspendedSale> ResumeAsync(string suspendId)
    {
        var sale = state.State.Sales.FirstOrDefault(s => s.SuspendId == suspendId)
            ?? throw PosException.NotFound($"No parked basket '{suspendId}' in this store (it may have been resumed already).");
        state.State.Sales.Remove(sale);
        state.State.Resumed.Add(suspendId);
        if (state.State.Resumed.Count > ResumedKept)
        {
            state.State.Resumed.RemoveRange(0, state.State.Resumed.Count - ResumedKept);
        }

        await state.WriteStateAsync();
        return sale;
    }

    public Task<IReadOnlyList<SuspendedSale>> ListAsync() => Task.FromResult<IReadOnlyList<SuspendedSale>>([.. state.State.Sales]);
}
