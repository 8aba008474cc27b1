using ChainPos.Abstractions.Reports;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;

namespace ChainPos.Grains.Reports;

/// <summary>Persisted state of a chain day (state name "chain-day-report"): the stores that sold.</summary>
[GenerateSerializer]
public sealed class ChainDayReportState
{
    /// <summary>Store ids, kept in ordinal order.</summary>
    [Id(0)] public List<string> Stores { get; set; } = [];
}

/// <summary>The chain's index of one business day; written once per store per day.</summary>
[Reentrant]
internal sealed class ChainDayReportGrain : Grain, IChainDayReportGrain
{
    private readonly IPersistentState<ChainDayReportState> _state;
    private readonly CoalescingStateWriter _writer;

    public ChainDayReportGrain([PersistentState("chain-day-report", StorageNames.Grains)] IPersistentState<ChainDayReportState> state)
    {
        _state = state;
        _writer = new CoalescingStateWriter(state.WriteStateAsync, _ => DeactivateOnIdle());
    }

    public async Task AddStoreAsync(string storeId)
    {
        _writer.ThrowIfFailed();
        var stores = _state.State.Stores;
        var at = stores.BinarySearch(storeId, StringComparer.Ordinal);
        if (at < 0)
        {
            stores.Insert(~at, storeId);
        }

        await _writer.WriteAsync();
    }

    public Task<IReadOnlyList<string>> StoresAsync() => Task.FromResult<IReadOnlyList<string>>([.. _state.State.Stores]);

    public async Task<ChainDaySalesView> GetAsync()
    {
        var day = this.GetPrimaryKeyString()["rptchain:".Length..];
        var date = ReportKeys.Parse(day) ?? throw new InvalidOperationException($"Bad report key day '{day}'.");
        var stores = await Task.WhenAll(_state.State.Stores.Select(s =>
            GrainFactory.Grain<IStoreDayReportGrain>(ReportKeys.StoreDay(s, date)).GetAsync()));
        return new ChainDaySalesView(day, DaySalesMerge.Sum("*", day, stores), stores);
    }
}
