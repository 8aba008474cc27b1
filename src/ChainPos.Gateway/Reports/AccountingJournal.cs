using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChainPos.Abstractions.Reports;

namespace ChainPos.Gateway.Reports;

/// <summary>One line of the daily journal (which fields apply depends on <see cref="Section"/>; see docs/reports.md).</summary>
public sealed record JournalLine(string Section, string Key, int RateBasisPoints, long Net, long Tax, long Gross, long Amount, int Count);

/// <summary>
/// A store's daily accounting journal: revenue by tax rate, tenders, gift card and loyalty liability movement and
/// the day's totals. Balances: Σ revenue gross + gift cards sold = total net = Σ tenders (revenue and tenders are net of
/// returns and voids).
/// </summary>
public sealed record AccountingJournal(string StoreId, string Day, string Currency, IReadOnlyList<JournalLine> Lines)
{
    public const string CsvHeader = "day,store_id,currency,section,key,rate_basis_points,net,tax,gross,amount,count";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static AccountingJournal From(DaySalesView d, string currency)
    {
        var lines = new List<JournalLine>();
        lines.AddRange(d.TaxRates.Select(t => new JournalLine("revenue", t.TaxClass, t.RateBasisPoints, t.Net, t.Tax, t.Gross, t.Gross, 0)));
        lines.AddRange(d.Tenders.Select(t => new JournalLine("tender", t.Key, 0, 0, 0, 0, t.Amount, t.Count)));
        lines.Add(new JournalLine("gift_card_liability", "sold", 0, 0, 0, 0, d.GiftCardsSold, 0));
        lines.Add(new JournalLine("gift_card_liability", "redeemed", 0, 0, 0, 0, -d.GiftCardsRedeemed, 0));
        lines.Add(new JournalLine("gift_card_liability", "net_change", 0, 0, 0, 0, d.GiftCardsSold - d.GiftCardsRedeemed, 0));
        lines.Add(new JournalLine("loyalty_points", "earned", 0, 0, 0, 0, d.PointsEarned, 0));
        lines.Add(new JournalLine("loyalty_points", "redeemed", 0, 0, 0, 0, -d.PointsRedeemed, 0));
        lines.Add(new JournalLine("loyalty_points", "net_change", 0, 0, 0, 0, d.PointsEarned - d.PointsRedeemed, 0));
        lines.Add(new JournalLine("total", "sales", 0, d.Total - d.TaxTotal, d.TaxTotal, d.Total, d.Total, d.SalesCount));
        lines.Add(Decrease("returns", d.ReturnsTotal, d.ReturnsTax, d.ReturnsCount));
        lines.Add(Decrease("voids", d.VoidsTotal, d.VoidsTax, d.VoidsCount));
        lines.Add(new JournalLine("total", "net", 0, d.NetTotal - d.NetTaxTotal, d.NetTaxTotal, d.NetTotal, d.NetTotal, 0));
        return new AccountingJournal(d.StoreId, d.Day, currency, lines);
    }

    private static JournalLine Decrease(string key, long total, long tax, int count) =>
        new("total", key, 0, -(total - tax), -tax, -total, -total, count);

    public string FileName(string extension) => $"journal-{StoreId}-{Day}.{extension}";

    public string ToCsv()
    {
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var l in Lines)
        {
            csv.AppendJoin(',',
                Field(Day), Field(StoreId), Field(Currency), Field(l.Section), Field(l.Key),
                Number(l.RateBasisPoints), Number(l.Net), Number(l.Tax), Number(l.Gross), Number(l.Amount), Number(l.Count)).Append("\r\n");
        }

        return csv.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    // RFC 4180: quote a field holding a comma, quote or line break, doubling the quotes inside.
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
