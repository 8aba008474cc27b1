using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Reports;
using ChainPos.Abstractions.Stores;

namespace ChainPos.Grains.Reports;

/// <summary>
/// Routes outbox sales to store-day report grains: the business day and hour in the store's time zone, the
/// category of each SKU from the catalogue. Holds only caches; a retried delivery is routed the same way.
/// Reentrant: each call mostly waits for a store-day grain's write, and a stateless worker has only as many
/// activations per silo as cores, so without interleaving every register's report delivery and every web order's
/// commit in the silo queued behind two such writes at a time (docs/benchmarks.md: a web order's commit took ~0.6 s
/// under chain-day load).
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class SalesReportFeedGrain(TimeProvider clock) : Grain, ISalesReportFeedGrain
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private const int MaxCachedSkus = 20_000;

    private readonly Dictionary<string, (TimeZoneInfo Zone, DateTimeOffset Until)> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _categories = new(StringComparer.Ordinal);

    public async Task ReportSalesAsync(string storeId, string registerId, IReadOnlyList<ReportedSale> sales)
    {
        if (sales.Count == 0)
        {
            return;
        }

        var zone = await ZoneAsync(storeId);
        var categories = await CategoriesAsync(sales.SelectMany(s => s.Sale.Receipt.Lines).Where(l => l.GiftCardHash is null).Select(l => l.Sku));

        // A sale belongs to the day it happened (an offline sale synced later carries its own time). Consecutive
        // runs of one day keep outbox order within each store-day grain.
        var local = sales.Select(s => TimeZoneInfo.ConvertTime(s.Sale.OccurredAt, zone)).ToList();
        var start = 0;
        while (start < sales.Count)
        {
            var day = DateOnly.FromDateTime(local[start].DateTime);
            var end = start;
            while (end < sales.Count && DateOnly.FromDateTime(local[end].DateTime) == day)
            {
                end++;
            }

            var batch = new DaySalesBatch(registerId, [.. sales.Skip(start).Take(end - start)],
                [.. local.Skip(start).Take(end - start).Select(t => t.Hour)], categories);
            await GrainFactory.Grain<IStoreDayReportGrain>(ReportKeys.StoreDay(storeId, day)).ReportSalesAsync(batch);
            start = end;
        }
    }

    public async Task ReportRefundsAsync(string storeId, string registerId, IReadOnlyList<ReportedRefund> refunds)
    {
        if (refunds.Count == 0)
        {
            return;
        }

        var zone = await ZoneAsync(storeId);
        var categories = await CategoriesAsync(refunds.SelectMany(r => r.Refund.Lines).Where(l => l.GiftCardHash is null).Select(l => l.Sku));

        // A return belongs to the day it was made, not to the day of the sale it takes back (as on the Z-report).
        var days = refunds.Select(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Refund.OccurredAt, zone).DateTime)).ToList();
        var start = 0;
        while (start < refunds.Count)
        {
            var end = start;
            while (end < refunds.Count && days[end] == days[start])
            {
                end++;
            }

            var batch = new DayRefundsBatch(registerId, [.. refunds.Skip(start).Take(end - start)], categories);
            await GrainFactory.Grain<IStoreDayReportGrain>(ReportKeys.StoreDay(storeId, days[start])).ReportRefundsAsync(batch);
            start = end;
        }
    }

    public async Task ReportWebOrderAsync(WebOrderRecord order)
    {
        var skus = order.Lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).ToList();
        var products = (await Task.WhenAll(skus.GroupBy(GrainKeys.CatalogShardOf)
                .Select(g => GrainFactory.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key)).GetAsync([.. g]))))
            .SelectMany(f => f).ToDictionary(p => p.Sku, StringComparer.Ordinal);
        var categories = products.Values.ToDictionary(p => p.Sku, p => p.Category, StringComparer.Ordinal);
        foreach (var location in Locations(order))
        {
            var settings = await GrainFactory.Grain<IStoreGrain>(GrainKeys.Store(location)).GetAsync();
            var local = TimeZoneInfo.ConvertTime(order.CommittedAt, await ZoneAsync(location));
            var (lines, taxes) = WebOrderPricing.Price(order, location, settings, products);
            var sale = new WebOrderSale(order.OrderId, order.Currency, order.CommittedAt, local.Hour, lines, taxes, categories, clock.GetUtcNow());
            await GrainFactory.Grain<IStoreDayReportGrain>(ReportKeys.StoreDay(location, DateOnly.FromDateTime(local.DateTime))).ReportWebOrderAsync(sale);
        }
    }

    public async Task ForgetWebOrderAsync(WebOrderRecord order)
    {
        foreach (var location in Locations(order))
        {
            var local = TimeZoneInfo.ConvertTime(order.CommittedAt, await ZoneAsync(location));
            await GrainFactory.Grain<IStoreDayReportGrain>(ReportKeys.StoreDay(location, DateOnly.FromDateTime(local.DateTime))).ForgetWebOrderAsync(order.OrderId);
        }
    }

    private static IEnumerable<string> Locations(WebOrderRecord order) =>
        order.Lines.SelectMany(l => l.Allocations).Select(a => a.LocationId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private async Task<TimeZoneInfo> ZoneAsync(string storeId)
    {
        var now = clock.GetUtcNow();
        if (_zones.TryGetValue(storeId, out var cached) && cached.Until > now)
        {
            return cached.Zone;
        }

        var settings = await GrainFactory.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync();
        var zone = settings is not null && TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        _zones[storeId] = (zone, now + CacheFor);
        return zone;
    }

    private async Task<IReadOnlyDictionary<string, string>> CategoriesAsync(IEnumerable<string> skus)
    {
        // The answer is built locally: calls interleave, and another one may clear the cache while this one awaits.
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var sku in skus.Distinct(StringComparer.Ordinal))
        {
            if (_categories.TryGetValue(sku, out var category))
            {
                result[sku] = category;
            }
            else
            {
                missing.Add(sku);
            }
        }

        if (missing.Count > 0)
        {
            if (_categories.Count + missing.Count > MaxCachedSkus)
            {
                _categories.Clear();
            }

            var found = await Task.WhenAll(missing.GroupBy(GrainKeys.CatalogShardOf)
                .Select(g => GrainFactory.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key)).GetAsync([.. g])));
            foreach (var p in found.SelectMany(f => f))
            {
                _categories[p.Sku] = p.Category;
                result[p.Sku] = p.Category;
            }
        }

        return result;
    }
}
