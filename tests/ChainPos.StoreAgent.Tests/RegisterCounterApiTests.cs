using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// Returns, suspended baskets and reprints through the real agent's local API against a real node: exact refunds,
/// stock back, a retried return refunded once, a parked basket restored exactly, REPRINT and gift receipts on paper.
/// </summary>
public sealed partial class RegisterCounterApiTests
{
    [Fact]
    public async Task ReturnAgainstReceipt_RefundsExactly_PutsStockBack_AndARetryRefundsOnce()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_returns");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var agent = await StartSyncedAgentAsync(data.Path, node.GrpcUrl);
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

        // 2 T-shirts at 19.99 and 3 apples at the multi-buy (9.00 for 3), by card.
        var sale = await SellAsync(agent, token, Sale("sale-ret", [("TEE", 2), ("APPLE", 3)], [Card(4_898)]));
        Assert.Equal(("online", "S1-R1-000001", 4_898L), (sale.GetProperty("mode").GetString(), sale.GetProperty("receiptNumber").GetString(), sale.GetProperty("total").GetInt64()));

        var found = await GetAsync(agent, token, "api/returns/sale/S1-R1-000001");
        Assert.Equal("sale-ret", found.GetProperty("saleId").GetString());
        Assert.Equal([("TEE", 2), ("APPLE", 3)], found.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("returnable").GetInt32())));

        var ret = new { returnId = "ret-1", receipt = "sale-ret", lines = new[] { new { sku = "TEE", quantity = 1 }, new { sku = "APPLE", quantity = 1 } }, refundTo = "original", reason = "wrong size" };
        var quote = await ReadOkAsync(await PostAsync(agent, token, "api/returns/quote", ret));
        Assert.Equal(1_999 + 300, quote.GetProperty("refundTotal").GetInt64()); // a third of the 9.00 bundle
        var first = await ReadOkAsync(await PostAsync(agent, token, "api/returns", ret));
        Assert.Equal(2_299, first.GetProperty("refundTotal").GetInt64());
        Assert.Equal("S1-R1-000002", first.GetProperty("receiptNumber").GetString());
        Assert.False(first.GetProperty("replayed").GetBoolean());
        var tender = Assert.Single(first.GetProperty("tenders").EnumerateArray());
        Assert.Equal(("card", 2_299L), (tender.GetProperty("type").GetString(), tender.GetProperty("amount").GetInt64()));
        Assert.Equal([1_999L, 300L], first.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("refund").GetInt64()));
        Assert.Contains("REFUND", first.GetProperty("receiptText").GetString(), StringComparison.Ordinal);
        Assert.Contains("S1-R1-000001", first.GetProperty("receiptText").GetString(), StringComparison.Ordinal);

        // The same return again (a double tap, a lost answer): the same refund, not a second one.
        var again = await ReadOkAsync(await PostAsync(agent, token, "api/returns", ret));
        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(("S1-R1-000002", 2_299L), (again.GetProperty("receiptNumber").GetString(), again.GetProperty("refundTotal").GetInt64()));

        // Only two apples are left to return; the last two refund exactly what is left of the bundle, in cash.
        var tooMany = await PostAsync(agent, token, "api/returns", new { returnId = "ret-2", receipt = "S1-R1-000001", lines = new[] { new { sku = "APPLE", quantity = 3 } } });
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Contains("Only 2 more", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rest = await ReadOkAsync(await PostAsync(agent, token, "api/returns", new { returnId = "ret-3", receipt = "S1-R1-000001", lines = new[] { new { sku = "APPLE", quantity = 2 } }, refundTo = "cash" }));
        Assert.Equal(600, rest.GetProperty("refundTotal").GetInt64());
        Assert.Equal(("cash", 600L), (rest.GetProperty("tenders")[0].GetProperty("type").GetString(), rest.GetProperty("tenders")[0].GetProperty("amount").GetInt64()));
        var after = await GetAsync(agent, token, "api/returns/sale/sale-ret");
        Assert.Equal([("TEE", 1), ("APPLE", 0)], after.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("returnable").GetInt32())));

        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((2, 2_899L), (x.RefundsCount, x.RefundsTotal));
        Assert.Equal(10_000 - 600, x.ExpectedCash);
        var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["TEE"] == InitialStock - 1 && s["APPLE"] == InitialStock);
        Assert.Equal(new Dictionary<string, long> { ["TEE"] = InitialStock - 1, ["MUG"] = InitialStock, ["APPLE"] = InitialStock, ["PEN"] = InitialStock }, stock);

        // Offline, a refund back to the card is refused with the reason (cash only, or wait for the link), and so is a return
        // without receipt; nothing is refunded (AgentOfflineReturnTests covers the cash returns that are allowed offline).
        await node.StopAsync();
        await agent.WaitUntilAsync(s => !s.GetProperty("online").GetBoolean(), "the link down");
        var offline = await PostAsync(agent, token, "api/returns", new { returnId = "ret-4", receipt = "sale-ret", lines = new[] { new { sku = "TEE", quantity = 1 } }, refundTo = "original" });
        Assert.Equal(HttpStatusCode.Conflict, offline.StatusCode);
        Assert.Contains("refunds are paid in cash only", await offline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noReceipt = await PostAsync(agent, token, "api/returns", new { returnId = "ret-5", lines = new[] { new { sku = "TEE", quantity = 1 } }, supervisorId = Supervisor, supervisorPin = SupervisorPin });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, noReceipt.StatusCode);
        Assert.Contains("needs the platform", await noReceipt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await agent.StatusAsync()).GetProperty("backlog").GetProperty("sales").GetInt64());
    }

    [Fact]
    public async Task SuspendThenResume_RestoresTheExactBasket_AndReprintAndGiftReceiptPrint()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_suspend");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1", "R2"]);
        using var data = new TempDirectory();
        await using var agent = await StartSyncedAgentAsync(data.Path, node.GrpcUrl);
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 5_000);

        var basket = new
        {
            lines = new object[] { new { sku = "TEE", quantity = 2, discountBasisPoints = 500, discountAmount = 0L }, new { sku = "PEN", quantity = 3, discountBasisPoints = 0, discountAmount = 40L } },
            customerId = Customer,
        };
        var before = (await ReadOkAsync(await PostAsync(agent, token, "api/basket/price", basket))).GetProperty("total").GetInt64();
        var parked = await ReadOkAsync(await PostAsync(agent, token, "api/suspended", new { suspendId = "park-1", label = "Ada, blue shirt", basket }));
        Assert.Equal("park-1", parked.GetProperty("suspendId").GetString());
        var list = await GetAsync(agent, token, "api/suspended");
        var listed = Assert.Single(list.EnumerateArray());
        Assert.Equal(("park-1", "Ada, blue shirt", "R1"), (listed.GetProperty("suspendId").GetString(), listed.GetProperty("label").GetString(), listed.GetProperty("registerId").GetString()));

        var resumed = await ReadOkAsync(await PostAsync(agent, token, "api/suspended/park-1/resume", new { }));
        var back = resumed.GetProperty("basket");
        Assert.Equal(Customer, back.GetProperty("customerId").GetString());
        Assert.Equal(
            [("TEE", 2, 500, 0L), ("PEN", 3, 0, 40L)],
            back.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("quantity").GetInt32(),
                l.GetProperty("discountBasisPoints").GetInt32(), l.GetProperty("discountAmount").GetInt64())));
        Assert.Empty((await GetAsync(agent, token, "api/suspended")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(agent, token, "api/suspended/park-1/resume", new { })).StatusCode);
        var withCoupon = await PostAsync(agent, token, "api/suspended", new { suspendId = "park-2", basket = new { lines = basket.lines, coupons = new[] { "SAVE5" } } });
        Assert.Equal(HttpStatusCode.BadRequest, withCoupon.StatusCode);

        // The resumed basket sells at the same price it showed before parking.
        var priced = await ReadOkAsync(await PostAsync(agent, token, "api/basket/price", back));
        Assert.Equal(before, priced.GetProperty("total").GetInt64());
        var sale = await SellAsync(agent, token, new { saleId = "sale-park", basket = back, tenders = new[] { Cash(5_000) } });
        var number = sale.GetProperty("receiptNumber").GetString()!;

        var reprint = await ReadOkAsync(await PostAsync(agent, token, "api/sales/sale-park/print", new { gift = false }));
        var text = reprint.GetProperty("receiptText").GetString()!;
        Assert.Equal(number, reprint.GetProperty("receiptNumber").GetString());
        Assert.Contains("REPRINT", text, StringComparison.Ordinal);
        Assert.Contains("Receipt " + number, text, StringComparison.Ordinal);
        Assert.Contains("39.98", sale.GetProperty("receiptText").GetString()!, StringComparison.Ordinal);
        Assert.Contains("39.98", text, StringComparison.Ordinal);
        Assert.DoesNotContain("REPRINT", sale.GetProperty("receiptText").GetString()!, StringComparison.Ordinal);

        var gift = await ReadOkAsync(await PostAsync(agent, token, "api/sales/sale-park/print", new { gift = true }));
        var giftText = gift.GetProperty("receiptText").GetString()!;
        Assert.Contains("GIFT RECEIPT", giftText, StringComparison.Ordinal);
        Assert.Contains("Receipt " + number, giftText, StringComparison.Ordinal);
        Assert.Contains("2 x T-shirt", giftText, StringComparison.Ordinal);
        Assert.DoesNotMatch(Money(), giftText);
        Assert.Matches(Money(), text);

        // Offline, parking a basket says it needs the link.
        await node.StopAsync();
        await agent.WaitUntilAsync(s => !s.GetProperty("online").GetBoolean(), "the link down");
        var offline = await PostAsync(agent, token, "api/suspended", new { suspendId = "park-3", basket });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, offline.StatusCode);
        Assert.Contains("needs the platform", await offline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<AgentProcess> StartSyncedAgentAsync(string data, string grpcUrl) =>
        AgentProcess.StartSyncedAsync(data, grpcUrl, "R1", Products.Count);

    private static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return body;
    }

    [GeneratedRegex(@"\d+[.,]\d\d(?!\d)")]
    private static partial Regex Money();
}
