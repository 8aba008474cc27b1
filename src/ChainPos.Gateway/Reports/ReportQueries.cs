using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Reports;
using ChainPos.Abstractions.Stores;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ErrorCode = ChainPos.Domain.ErrorCode;

namespace ChainPos.Gateway.Reports;

/// <summary>
/// The reports as both front doors (gRPC and the back-office JSON API) read them: checks the caller and the input,
/// then asks the report grains. Bad input throws <see cref="PosException"/>; a refused caller an RpcException.
/// </summary>
public sealed class ReportQueries(IGrainFactory grains)
{
    /// <summary>One store's business day; the caller must be the admin or that store's agent.</summary>
    public async Task<DaySalesView> StoreDayAsync(Caller caller, string storeId, string? day)
    {
        var date = await CheckStoreDayAsync(caller, storeId, day);
        return await grains.Grain<IStoreDayReportGrain>(ReportKeys.StoreDay(storeId, date)).GetAsync();
    }

    /// <summary>The chain on one business day (admin).</summary>
    public async Task<ChainDaySalesView> ChainDayAsync(Caller caller, string? day)
    {
        caller.RequireAdmin();
        var date = ParseDay(day);
        return await grains.Grain<IChainDayReportGrain>(ReportKeys.ChainDay(date)).GetAsync();
    }

    /// <summary>The chain's outstanding gift card balances and loyalty points (admin).</summary>
    public async Task<ChainLiabilityView> LiabilityAsync(Caller caller)
    {
        caller.RequireAdmin();
        return await grains.Grain<IChainLiabilityGrain>(LiabilityKeys.Chain).GetAsync();
    }

    /// <summary>
    /// Walks every stored holder of <paramref name="kind"/> a page at a time (one grain call per page, so no call runs
    /// long) and makes sure each is counted (admin). Returns the holders visited and those newly counted.
    /// </summary>
    public async Task<(long Visited, long Counted)> BackfillLiabilityAsync(Caller caller, LiabilityKind kind, int pageSize, CancellationToken cancellationToken)
    {
        caller.RequireAdmin();
        if (pageSize is < 1 or > 1000)
        {
            throw PosException.Invalid($"page_size must be 0..1000, not {pageSize}.");
        }

        var backfill = grains.Grain<ILiabilityBackfillGrain>(LiabilityKeys.Chain);
        long visited = 0, counted = 0;
        var after = "";
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await backfill.BackfillAsync(kind, after, pageSize);
            visited += page.Visited;
            counted += page.Counted;
            after = page.Next;
        }
        while (after.Length > 0);

        return (visited, counted);
    }

    /// <summary>The X- or last Z-report of each of a store's registers, and the registers that never had a shift.</summary>
    public async Task<(IReadOnlyList<ShiftReportView> Reports, IReadOnlyList<string> WithoutShift)> ShiftReportsAsync(Caller caller, string storeId)
    {
        var settings = await CheckStoreAsync(caller, storeId);
        var reports = await Task.WhenAll(settings.RegisterIds.Select(async r =>
        {
            try
            {
                return (r, await grains.Grain<IRegisterGrain>(GrainKeys.Register(storeId, r)).GetShiftReportAsync());
            }
            catch (PosException e) when (e.Code == ErrorCode.FailedPrecondition)
            {
                return (r, (ShiftReportView?)null);
            }
        }));
        return ([.. reports.Where(x => x.Item2 is not null).Select(x => x.Item2!)], [.. reports.Where(x => x.Item2 is null).Select(x => x.r)]);
    }

    /// <summary>The accounting journal of one store's business day.</summary>
    public async Task<AccountingJournal> JournalAsync(Caller caller, string storeId, string? day)
    {
        var sales = await StoreDayAsync(caller, storeId, day);
        var settings = await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync();
        return AccountingJournal.From(sales, sales.Currency.Length > 0 ? sales.Currency : settings?.Currency ?? "");
    }

    /// <summary>Parses a yyyy-MM-dd day; InvalidArgument otherwise.</summary>
    public static DateOnly ParseDay(string? day) =>
        ReportKeys.Parse(day) ?? throw PosException.Invalid($"day must be a date as yyyy-MM-dd (got '{Clip(day)}').");

    private static string Clip(string? value) => value is { Length: > 40 } ? value[..40] + "..." : value ?? "";

    private async Task<DateOnly> CheckStoreDayAsync(Caller caller, string storeId, string? day)
    {
        var date = ParseDay(day);
        await CheckStoreAsync(caller, storeId);
        return date;
    }

    private async Task<StoreSettings> CheckStoreAsync(Caller caller, string storeId)
    {
        caller.RequireStore(storeId);
        Ids.Require(storeId, "store_id");
        return await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync()
            ?? throw PosException.NotFound($"Store '{storeId}' does not exist.");
    }
}
