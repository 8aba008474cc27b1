using ChainPos.Abstractions.Checkout;
using ChainPos.Storage;

namespace ChainPos.Grains.Checkout;

/// <summary>Persisted state of a receipt index bucket (state name "receipts"): receipt sequence → sale id.</summary>
[GenerateSerializer]
public sealed class ReceiptIndexState
{
    [Id(0)] public Dictionary<long, string> Sales { get; set; } = [];
}

/// <summary>Up to 64 receipt numbers of one register (the row stays small: it is rewritten with each outbox batch).</summary>
internal sealed class ReceiptIndexGrain(
    [PersistentState("receipts", StorageNames.Grains)] IPersistentState<ReceiptIndexState> state) : Grain, IReceiptIndexGrain
{
    public async Task AddAsync(IReadOnlyList<ReceiptIndexEntry> entries)
    {
        var added = false;
        foreach (var entry in entries)
        {
            added |= state.State.Sales.TryAdd(entry.Sequence, entry.SaleId);
        }

        if (added)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<string?> FindAsync(long sequence) => Task.FromResult(state.State.Sales.GetValueOrDefault(sequence));
}
