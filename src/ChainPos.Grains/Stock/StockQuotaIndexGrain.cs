using ChainPos.Abstractions.Stock;
using ChainPos.Storage;

namespace ChainPos.Grains.Stock;

/// <summary>Persisted state of a location's quota index (state name "quotaindex").</summary>
[GenerateSerializer]
public sealed class StockQuotaIndexState
{
    /// <summary>Limited SKUs and their offline quota.</summary>
    [Id(0)] public Dictionary<string, long> Quotas { get; set; } = [];
    /// <summary>The newest stock version seen per SKU (listed or not), so a late, older signal changes nothing.</summary>
    [Id(1)] public Dictionary<string, long> Versions { get; set; } = [];
}

/// <summary>The quota index of one location: which SKUs are limited there. Writes only when the list changes.</summary>
internal sealed class StockQuotaIndexGrain(
    [PersistentState("quotaindex", StorageNames.Grains)] IPersistentState<StockQuotaIndexState> state) : Grain, IStockQuotaIndexGrain
{
    private StockQuotaIndexState S => state.State;

    public async Task SetAsync(string sku, long offlineQuota, long version)
    {
        if (version <= S.Versions.GetValueOrDefault(sku, long.MinValue))
        {
            return;
        }

        S.Versions[sku] = version;
        if (offlineQuota > 0)
        {
            S.Quotas[sku] = offlineQuota;
        }
        else
        {
            S.Quotas.Remove(sku);
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

    public Task<IReadOnlyList<SkuQuotaPolicy>> GetAsync() =>
        Task.FromResult<IReadOnlyList<SkuQuotaPolicy>>([.. S.Quotas.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => new SkuQuotaPolicy(q.Key, q.Value))]);
}
