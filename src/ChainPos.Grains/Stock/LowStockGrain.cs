using ChainPos.Abstractions.Stock;
using ChainPos.Storage;

namespace ChainPos.Grains.Stock;

/// <summary>Persisted state of a location's low-stock index (state name "lowstock").</summary>
[GenerateSerializer]
public sealed class LowStockState
{
    /// <summary>The SKUs now at or below their reorder point, with the level their stock grain last stored.</summary>
    [Id(0)] public Dictionary<string, LowStockSignal> Skus { get; set; } = [];
    /// <summary>The newest version seen per SKU that left the list, so a late, older "low" signal does not list it again.</summary>
    [Id(1)] public Dictionary<string, long> Cleared { get; set; } = [];
}

/// <summary>
/// The low-stock index of one location. Stock grains send it absolute levels with their version, so repeated or
/// out-of-order signals change nothing; it writes only when the list changes.
/// </summary>
internal sealed class LowStockGrain(
    [PersistentState("lowstock", StorageNames.Grains)] IPersistentState<LowStockState> state) : Grain, ILowStockGrain
{
    private LowStockState S => state.State;

    public async Task UpdateAsync(LowStockSignal signal)
    {
        var known = S.Skus.TryGetValue(signal.Sku, out var listed) ? listed.Version : S.Cleared.GetValueOrDefault(signal.Sku);
        if (signal.Version <= known || (!signal.IsLow && listed is null))
        {
            return;
        }

        if (signal.IsLow)
        {
            S.Skus[signal.Sku] = signal;
            S.Cleared.Remove(signal.Sku);
        }
        else
        {
            S.Skus.Remove(signal.Sku);
            S.Cleared[signal.Sku] = signal.Version;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not durable: start again from what is, so the stock grain's retry is applied, not ignored.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<IReadOnlyList<LowStockSignal>> GetAsync() =>
        Task.FromResult<IReadOnlyList<LowStockSignal>>([.. S.Skus.Values.OrderBy(s => s.Sku, StringComparer.Ordinal)]);
}
