using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

/// <summary>The daily accounting journal, checked against the sales rung up.</summary>
[Collection(ReportsCollection.Name)]
public sealed class JournalTests(ReportsFixture fixture)
{
    private const string Header = "day,store_id,currency,section,key,rate_basis_points,net,tax,gross,amount,count";

    [Fact]
    public async Task ExportJournal_Csv_SumsMatchTheSalesRungUp()
    {
        var (receipts, day) = await RingJournalDayAsync();

        var file = await ReportsClient(fixture.Admin).ExportJournalAsync(new ExportJournalRequest { StoreId = "J1", Day = day, Format = JournalFormat.Csv });

        Assert.Equal(($"journal-J1-{day}.csv", "text/csv"), (file.FileName, file.ContentType));
        var lines = file.Content.ToStringUtf8().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Header, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal((11, day, "J1", "EUR"), (r.Length, r[0], r[1], r[2])));
        long Sum(string section, int column) => rows.Where(r => r[3] == section).Sum(r => long.Parse(r[column]));
        string[] Row(string section, string key) => rows.Single(r => r[3] == section && r[4] == key);

        var total = receipts.Sum(r => r.Total);
        var loads = 1500L;
        Assert.Equal([2697L, 3298L, 2776L], receipts.Select(r => r.Total));
        Assert.Equal(total - loads, Sum("revenue", 8));
        Assert.Equal(receipts.Sum(r => r.TaxTotal), Sum("revenue", 7));
        Assert.Equal(Sum("revenue", 8) - Sum("revenue", 7), Sum("revenue", 6));
        foreach (var tax in receipts.SelectMany(r => r.Taxes).GroupBy(t => t.TaxClass))
        {
            Assert.Equal(tax.Sum(t => t.Tax), long.Parse(Row("revenue", tax.Key)[7]));
            Assert.Equal(tax.First().RateBasisPoints.ToString(), Row("revenue", tax.Key)[5]);
        }

        Assert.Equal(total, Sum("tender", 9));
        Assert.Equal(2697L, long.Parse(Row("tender", "card")[9]));
        Assert.Equal(3298L + 2176L, long.Parse(Row("tender", "cash")[9])); // cash net of change
        Assert.Equal(600L, long.Parse(Row("tender", "gift_card")[9]));
        Assert.Equal(["1500", "-600", "900"], new[] { "sold", "redeemed", "net_change" }.Select(k => Row("gift_card_liability", k)[9]));
        Assert.Equal(receipts.Sum(r => r.PointsEarned).ToString(), Row("loyalty_points", "earned")[9]);
        var totalRow = Row("total", "sales");
        Assert.Equal((total, receipts.Sum(r => r.TaxTotal), 3), (long.Parse(totalRow[8]), long.Parse(totalRow[7]), int.Parse(totalRow[10])));
    }

    [Fact]
    public async Task ExportJournal_JsonOverGrpcAndHttp_SameDocumentAndSameFiguresAsCsv()
    {
        var (receipts, day) = await RingJournalDayAsync();
        var reports = ReportsClient(fixture.Admin);

        var json = await reports.ExportJournalAsync(new ExportJournalRequest { StoreId = "J1", Day = day, Format = JournalFormat.Json });
        var csv = await reports.ExportJournalAsync(new ExportJournalRequest { StoreId = "J1", Day = day, Format = JournalFormat.Csv });

        Assert.Equal("application/json", json.ContentType);
        using var doc = JsonDocument.Parse(json.Content.Memory);
        Assert.Equal(("J1", day, "EUR"), (doc.RootElement.GetProperty("store_id").GetString(), doc.RootElement.GetProperty("day").GetString(), doc.RootElement.GetProperty("currency").GetString()));
        var jsonLines = doc.RootElement.GetProperty("lines").EnumerateArray()
            .Select(l => $"{l.GetProperty("section").GetString()},{l.GetProperty("key").GetString()},{l.GetProperty("rate_basis_points").GetInt32()},{l.GetProperty("net").GetInt64()},{l.GetProperty("tax").GetInt64()},{l.GetProperty("gross").GetInt64()},{l.GetProperty("amount").GetInt64()},{l.GetProperty("count").GetInt32()}");
        var csvLines = csv.Content.ToStringUtf8().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => string.Join(',', l.Split(',').Skip(3)));
        Assert.Equal(csvLines, jsonLines);
        Assert.Contains($"total,sales,0,{receipts.Sum(r => r.Total) - receipts.Sum(r => r.TaxTotal)},{receipts.Sum(r => r.TaxTotal)},{receipts.Sum(r => r.Total)},{receipts.Sum(r => r.Total)},3", jsonLines);

        using var http = new HttpClient { BaseAddress = fixture.HttpAddress };
        foreach (var (format, file) in new[] { ("csv", csv), ("json", json) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/backoffice/api/stores/J1/journal?day={day}&format={format}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReportsFixture.AdminSecret);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(file.Content.ToStringUtf8(), await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(JournalFormat.Unspecified, "2026-11-23", "format is required: JOURNAL_FORMAT_CSV or JOURNAL_FORMAT_JSON.")]
    [InlineData((JournalFormat)7, "2026-11-23", "format is required: JOURNAL_FORMAT_CSV or JOURNAL_FORMAT_JSON.")]
    [InlineData(JournalFormat.Csv, "2026-11-31", "day must be a date as yyyy-MM-dd (got '2026-11-31').")]
    public async Task ExportJournal_BadInput_InvalidArgument(JournalFormat format, string day, string message)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            ReportsClient(fixture.Admin).ExportJournalAsync(new ExportJournalRequest { StoreId = "J1", Day = day, Format = format }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, message), (e.StatusCode, e.Status.Detail));
    }

    [Theory]
    [InlineData(null, "/backoffice/api/stores/J1/journal?day=2026-11-23&format=csv", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-secret", "/backoffice/api/chain?day=2026-11-23", HttpStatusCode.Unauthorized)]
    [InlineData(ReportsFixture.StoreSecret, "/backoffice/api/stores/J1/journal?day=2026-11-23&format=csv", HttpStatusCode.Forbidden)]
    [InlineData(ReportsFixture.StoreSecret, "/backoffice/api/chain?day=2026-11-23", HttpStatusCode.Forbidden)]
    [InlineData(ReportsFixture.StoreSecret, "/backoffice/api/stores/A1/sales?day=2026-11-23", HttpStatusCode.OK)]
    [InlineData(ReportsFixture.AdminSecret, "/backoffice/api/stores/J1/journal?day=2026-11-23&format=xml", HttpStatusCode.BadRequest)]
    [InlineData(ReportsFixture.AdminSecret, "/backoffice/api/stores/J1/sales?day=tomorrow", HttpStatusCode.BadRequest)]
    [InlineData(ReportsFixture.AdminSecret, "/backoffice/api/stores/NOPE/sales?day=2026-11-23", HttpStatusCode.NotFound)]
    [InlineData(ReportsFixture.AdminSecret, "/backoffice/nothing-here.exe", HttpStatusCode.NotFound)]
    public async Task BackofficeApi_CredentialAndInput_ClearHttpStatus(string? secret, string path, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = fixture.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (path.Contains("/api/", StringComparison.Ordinal))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains(expected == HttpStatusCode.OK ? "\"storeId\":\"A1\"" : "\"error\":", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Backoffice_OnTheGrpcPort_NotServed()
    {
        using var http = new HttpClient { BaseAddress = Silo.ChainPosApp.GrpcAddress(fixture.App) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/backoffice/api/chain?day=2026-11-23")
        {
            Version = HttpVersion.Version20, // the gRPC port speaks only HTTP/2 (cleartext, prior knowledge)
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReportsFixture.AdminSecret);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.StatusCode} {response.Version} {body}");
        Assert.DoesNotContain("storeId", body, StringComparison.Ordinal);
    }

    /// <summary>J1's day: card, cash with change and a gift card load, gift card plus cash. Idempotent: every test asks for the same day.</summary>
    private async Task<(List<CompleteSaleResponse> Receipts, string Day)> RingJournalDayAsync()
    {
        var admin = fixture.Admin;
        await OpenShiftAsync(admin, "J1", "R1");
        var load = new SaleLine { GiftCardCode = "6000 1212 3434 5656", GiftCardAmount = 1500, Quantity = 1 };
        List<CompleteSaleResponse> receipts =
        [
            await RingAsync(admin, "J1", "R1", "j1-sale-1", [Line("TEE", 1), Line("APPLE", 2)], [Card(2697)], ReportsFixture.Customer),
            await RingAsync(admin, "J1", "R1", "j1-sale-2", [Line("MUG", 2), load], [Cash(5000)]),
            await RingAsync(admin, "J1", "R1", "j1-sale-3", [Line("BREAD", 3), Line("TEE", 1)], [GiftCardTender(600), Cash(2500)]),
        ];
        var day = Day(receipts[0]);
        await StoreDayWhenAsync(admin, "J1", day, 3);
        return (receipts, day);
    }
}
