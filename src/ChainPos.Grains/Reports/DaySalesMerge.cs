using System.Globalization;
using ChainPos.Abstractions.Reports;

namespace ChainPos.Grains.Reports;

/// <summary>Adds store-day views into one chain-wide view.</summary>
internal static class DaySalesMerge
{
    /// <summary>The sum of <paramref name="days"/>, or null when they are in different currencies (amounts would not add up).</summary>
    public static DaySalesView? Sum(string storeId, string day, IReadOnlyList<DaySalesView> days)
    {
        var currencies = days.Select(d => d.Currency).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
        {
            return null;
        }

        var skus = days.SelectMany(d => d.TopSkus).GroupBy(s => s.Sku, StringComparer.Ordinal)
            .Select(g => new SkuSales(g.Key, g.First().Name, g.First().Category, g.Sum(s => s.Quantity), g.Sum(s => s.Net)))
            .OrderByDescending(s => s.Net).ThenBy(s => s.Sku, StringComparer.Ordinal).ToList();
        var top = skus.Take(DayTotals.TopSkus).ToList();
        return new DaySalesView(
            storeId, day, currencies.FirstOrDefault() ?? "",
            days.Sum(d => d.SalesCount), days.Sum(d => d.Items), days.Sum(d => d.Subtotal), days.Sum(d => d.DiscountTotal),
            days.Sum(d => d.TaxTotal), days.Sum(d => d.Total), days.Sum(d => d.GiftCardsSold), days.Sum(d => d.GiftCardsRedeemed),
            days.Sum(d => d.PointsEarned), days.Sum(d => d.PointsRedeemed),
            [.. Enumerable.Range(0, 24).Select(h => h.ToString("D2", CultureInfo.InvariantCulture))
                .Select(h => new AmountCount(h, days.Sum(d => d.Hours.Where(x => x.Key == h).Sum(x => x.Amount)), days.Sum(d => d.Hours.Where(x => x.Key == h).Sum(x => x.Count))))],
            Rows(days.SelectMany(d => d.Tenders)),
            [.. days.SelectMany(d => d.TaxRates).GroupBy(t => (t.TaxClass, t.RateBasisPoints))
                .OrderBy(g => g.Key.TaxClass, StringComparer.Ordinal).ThenBy(g => g.Key.RateBasisPoints)
                .Select(g => new TaxRateTotal(g.Key.TaxClass, g.Key.RateBasisPoints, g.Sum(t => t.Net), g.Sum(t => t.Tax), g.Sum(t => t.Gross)))],
            [.. days.Where(d => d.SalesCount > 0).OrderBy(d => d.StoreId, StringComparer.Ordinal).Select(d => new AmountCount(d.StoreId, d.Total, d.SalesCount))],
            Rows(days.SelectMany(d => d.Categories)),
            top,
            days.Sum(d => d.OtherSkusNet) + skus.Skip(DayTotals.TopSkus).Sum(s => s.Net),
            days.Max(d => d.LastSaleAt),
            days.Sum(d => d.ReturnsCount), days.Sum(d => d.ReturnsTotal), days.Sum(d => d.ReturnsTax),
            days.Sum(d => d.VoidsCount), days.Sum(d => d.VoidsTotal), days.Sum(d => d.VoidsTax),
            days.Sum(d => d.WebOrdersCount), days.Sum(d => d.WebOrdersTotal));
    }

    private static List<AmountCount> Rows(IEnumerable<AmountCount> rows) =>
        [.. rows.GroupBy(r => r.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AmountCount(g.Key, g.Sum(r => r.Amount), g.Sum(r => r.Count)))];
}
