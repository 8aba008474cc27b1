using System.Globalization;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Reports;

namespace ChainPos.Grains.Reports;

/// <summary>Folds sales into a store-day's totals and reads them back as a view.</summary>
internal static class DayTotals
{
    /// <summary>
    /// SKUs kept per store-day; beyond it the smallest seller is folded into "other" (best sellers stay exact in practice).
    /// The row is rewritten with every delivery batch of the store's registers, so this bounds its size (~18 KB).
    /// </summary>
    public const int MaxSkus = 250;

    /// <summary>Best sellers returned in a view.</summary>
    public const int TopSkus = 20;

    public const string Uncategorised = "uncategorised";

    public static void Add(StoreDayReportState s, string registerId, SaleRecordData sale, int hour, IReadOnlyDictionary<string, string> categories)
    {
        var r = sale.Receipt;
        if (s.Currency.Length == 0)
        {
            s.Currency = r.Currency;
        }

        s.SalesCount++;
        s.Subtotal += r.Subtotal;
        s.DiscountTotal += r.DiscountTotal;
        s.TaxTotal += r.TaxTotal;
        s.Total += r.Total;
        s.PointsEarned += r.PointsEarned;
        s.LastSaleAt = s.LastSaleAt is { } last && last > sale.OccurredAt ? last : sale.OccurredAt;
        Bump(s.Hours, hour.ToString("D2", CultureInfo.InvariantCulture), r.Total);
        Bump(s.Registers, registerId, r.Total);
        foreach (var line in r.Lines)
        {
            if (line.GiftCardHash is not null)
            {
                s.GiftCardsSold += line.Net;
                continue;
            }

            s.Items += line.Quantity;
            var category = categories.GetValueOrDefault(line.Sku, Uncategorised);
            Bump(s.Categories, category, line.Net);
            AddSku(s, line, category);
        }

        foreach (var t in r.Taxes)
        {
            var key = $"{t.TaxClass}|{t.RateBasisPoints}";
            if (!s.TaxRates.TryGetValue(key, out var b))
            {
                s.TaxRates[key] = b = new TaxBucket { TaxClass = t.TaxClass, RateBasisPoints = t.RateBasisPoints };
            }

            var gross = t.Inclusive ? t.Taxable : t.Taxable + t.Tax;
            b.Gross += gross;
            b.Tax += t.Tax;
            b.Net += gross - t.Tax;
        }

        AddTenders(s, sale.Tenders, r.Change);
    }

    /// <summary>
    /// Takes a return or void off the day: counted apart (returns, voids), and subtracted from every breakdown a sale
    /// adds to (tax rates, tenders, categories, SKUs, items, gift cards, points). Hours and registers keep sales only.
    /// </summary>
    public static void Subtract(StoreDayReportState s, RefundReport refund, IReadOnlyDictionary<string, string> categories)
    {
        if (s.Currency.Length == 0)
        {
            s.Currency = refund.Currency;
        }

        if (refund.Kind == RefundKind.Void)
        {
            s.VoidsCount++;
            s.VoidsTotal += refund.Total;
            s.VoidsTax += refund.TaxTotal;
        }
        else
        {
            s.ReturnsCount++;
            s.ReturnsTotal += refund.Total;
            s.ReturnsTax += refund.TaxTotal;
        }

        s.PointsEarned -= refund.PointsClawedBack;
        foreach (var line in refund.Lines)
        {
            if (line.GiftCardHash is not null)
            {
                s.GiftCardsSold -= line.Net;
                continue;
            }

            s.Items -= line.Quantity;
            var category = categories.GetValueOrDefault(line.Sku, Uncategorised);
            Bump(s.Categories, category, -line.Net, count: 0);
            if (s.Skus.TryGetValue(line.Sku, out var b))
            {
                b.Quantity -= line.Quantity;
                b.Net -= line.Net;
            }
            else
            {
                // The SKU was folded into "other" (or sold on another day): take it off there.
                s.OtherSkusNet -= line.Net;
            }
        }

        foreach (var t in refund.Taxes)
        {
            var key = $"{t.TaxClass}|{t.RateBasisPoints}";
            if (!s.TaxRates.TryGetValue(key, out var b))
            {
                s.TaxRates[key] = b = new TaxBucket { TaxClass = t.TaxClass, RateBasisPoints = t.RateBasisPoints };
            }

            var gross = t.Inclusive ? t.Taxable : t.Taxable + t.Tax;
            b.Gross -= gross;
            b.Tax -= t.Tax;
            b.Net -= gross - t.Tax;
        }

        // Refund tender lines are amounts paid out: they lower their tender's amount but are not counted as tender lines.
        foreach (var t in refund.Tenders)
        {
            Bump(s.Tenders, TenderName(t.Type), -t.Amount, count: 0);
            if (t.Type == TenderType.GiftCard)
            {
                s.GiftCardsRedeemed -= t.Amount;
            }
            else if (t.Type == TenderType.LoyaltyPoints)
            {
                s.PointsRedeemed -= t.Points;
            }
        }
    }

    /// <summary>The register under which web orders are counted, and their tender.</summary>
    public const string WebChannel = "web";

    /// <summary>A store's share of a web order counts as a sale of the "web" register paid with the "web" tender.</summary>
    public static void AddWebOrder(StoreDayReportState s, WebOrderSale order)
    {
        if (s.Currency.Length == 0)
        {
            s.Currency = order.Currency;
        }

        var total = order.Total;
        s.SalesCount++;
        s.Subtotal += order.Subtotal;
        s.TaxTotal += order.TaxTotal;
        s.Total += total;
        s.WebOrdersTotal += total;
        s.LastSaleAt = s.LastSaleAt is { } last && last > order.CommittedAt ? last : order.CommittedAt;
        Bump(s.Hours, order.LocalHour.ToString("D2", CultureInfo.InvariantCulture), total);
        Bump(s.Registers, WebChannel, total);
        Bump(s.Tenders, WebChannel, total);
        foreach (var line in order.Lines)
        {
            s.Items += line.Quantity;
            var category = order.Categories.GetValueOrDefault(line.Sku, Uncategorised);
            Bump(s.Categories, category, line.Net);
            AddSku(s, line, category);
        }

        foreach (var t in order.Taxes)
        {
            var key = $"{t.TaxClass}|{t.RateBasisPoints}";
            if (!s.TaxRates.TryGetValue(key, out var b))
            {
                s.TaxRates[key] = b = new TaxBucket { TaxClass = t.TaxClass, RateBasisPoints = t.RateBasisPoints };
            }

            // As for a till sale: an inclusive rate's tax is inside the taxable amount, an exclusive one's on top.
            var gross = t.Inclusive ? t.Taxable : t.Taxable + t.Tax;
            b.Gross += gross;
            b.Tax += t.Tax;
            b.Net += gross - t.Tax;
        }
    }

    private static void AddTenders(StoreDayReportState s, IReadOnlyList<TenderRecord> tenders, long change)
    {
        foreach (var t in tenders)
        {
            Bump(s.Tenders, TenderName(t.Type), t.Amount);
            if (t.Type == TenderType.GiftCard)
            {
                s.GiftCardsRedeemed += t.Amount;
            }
            else if (t.Type == TenderType.LoyaltyPoints)
            {
                s.PointsRedeemed += t.Points;
            }
        }

        // Cash is reported net of change (what stays in the drawer), as on the Z-report.
        if (change > 0)
        {
            Bump(s.Tenders, TenderName(TenderType.Cash), -change, count: 0);
        }
    }

    private static void AddSku(StoreDayReportState s, PricedLineView line, string category)
    {
        if (!s.Skus.TryGetValue(line.Sku, out var b))
        {
            if (s.Skus.Count >= MaxSkus)
            {
                var smallest = s.Skus.MinBy(kv => (kv.Value.Net, kv.Key));
                s.OtherSkusNet += smallest.Value.Net;
                s.Skus.Remove(smallest.Key);
            }

            s.Skus[line.Sku] = b = new SkuBucket { Name = line.Name, Category = category };
        }

        b.Quantity += line.Quantity;
        b.Net += line.Net;
    }

    private static void Bump(Dictionary<string, Bucket> buckets, string key, long amount, int count = 1)
    {
        if (!buckets.TryGetValue(key, out var b))
        {
            buckets[key] = b = new Bucket();
        }

        b.Amount += amount;
        b.Count += count;
    }

    public static string TenderName(TenderType type) => type switch
    {
        TenderType.Cash => "cash",
        TenderType.Card => "card",
        TenderType.GiftCard => "gift_card",
        TenderType.LoyaltyPoints => "loyalty_points",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static DaySalesView View(string storeId, string day, StoreDayReportState s) => new(
        storeId, day, s.Currency, s.SalesCount, s.Items, s.Subtotal, s.DiscountTotal, s.TaxTotal, s.Total,
        s.GiftCardsSold, s.GiftCardsRedeemed, s.PointsEarned, s.PointsRedeemed,
        [.. Enumerable.Range(0, 24).Select(h => h.ToString("D2", CultureInfo.InvariantCulture)).Select(h => Row(h, s.Hours.GetValueOrDefault(h)))],
        Rows(s.Tenders),
        [.. s.TaxRates.Values.OrderBy(t => t.TaxClass, StringComparer.Ordinal).ThenBy(t => t.RateBasisPoints)
            .Select(t => new TaxRateTotal(t.TaxClass, t.RateBasisPoints, t.Net, t.Tax, t.Gross))],
        Rows(s.Registers),
        Rows(s.Categories),
        [.. s.Skus.OrderByDescending(kv => kv.Value.Net).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(TopSkus)
            .Select(kv => new SkuSales(kv.Key, kv.Value.Name, kv.Value.Category, kv.Value.Quantity, kv.Value.Net))],
        s.OtherSkusNet + s.Skus.OrderByDescending(kv => kv.Value.Net).ThenBy(kv => kv.Key, StringComparer.Ordinal).Skip(TopSkus).Sum(kv => kv.Value.Net),
        s.LastSaleAt,
        s.ReturnsCount, s.ReturnsTotal, s.ReturnsTax, s.VoidsCount, s.VoidsTotal, s.VoidsTax, s.WebOrdersCount, s.WebOrdersTotal);

    private static List<AmountCount> Rows(Dictionary<string, Bucket> buckets) =>
        [.. buckets.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Row(kv.Key, kv.Value))];

    private static AmountCount Row(string key, Bucket? b) => new(key, b?.Amount ?? 0, b?.Count ?? 0);
}
