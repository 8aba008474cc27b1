using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// Returns while the link is down, through the real agent process against a real node on PostgreSQL, with a fake network printer
/// counting drawer kicks: a sale rung online and one rung offline are returned in part in cash; a card refund, more than was sold
/// (also after a SIGKILL and restart of the agent) and a receipt not in this register's journal are refused with the reason; a
/// retry opens nothing twice; when the link returns each return arrives once, after its sale, and stock and the shift add up.
/// </summary>
public sealed class AgentOfflineReturnTests
{
    [Fact]
    public async Task LinkDown_CashReturnsOfOwnSales_RefusedBeyondWhatWasSold_AgentKilled_LinkBack_EachReturnArrivesOnce()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_offline_return");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var drawer = new DrawerSpy();
        var agent = await StartAsync(data.Path, node.GrpcUrl, drawer);
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);
        var cashSale = await SellAsync(agent, token, Sale("sale-a", [("TEE", 2), ("PEN", 2)], [Cash(5_000)]));
        var cardSale = await SellAsync(agent, token, Sale("sale-b", [("MUG", 1)], [Card(899)]));
        Assert.Equal(("online", 4_298L, "online"), (cashSale.GetProperty("mode").GetString(), cashSale.GetProperty("total").GetInt64(), cardSale.GetProperty("mode").GetString()));
        await drawer.ExpectKicksAsync(1);

        await node.StopAsync(); // the store's link is down
        await agent.WaitUntilAsync(s => !s.GetProperty("online").GetBoolean(), "the link down");
        Assert.Equal("offline", (await SellAsync(agent, token, Sale("sale-c", [("PEN", 3)], [Cash(450)]))).GetProperty("mode").GetString());
        await drawer.ExpectKicksAsync(2);

        // Part of the online cash sale comes back in cash: journaled, then the drawer opens once; a retry changes nothing.
        var ret1 = await ReturnAsync(agent, token, "ret-1", "sale-a", "cash", ("TEE", 1));
        Assert.Equal(("pending", 1_999L, false), (ret1.GetProperty("mode").GetString(), ret1.GetProperty("refundTotal").GetInt64(), ret1.GetProperty("replayed").GetBoolean()));
        Assert.Equal(("cash", 1_999L), (ret1.GetProperty("tenders")[0].GetProperty("type").GetString(), ret1.GetProperty("tenders")[0].GetProperty("amount").GetInt64()));
        Assert.Contains("Offline refund", ret1.GetProperty("receiptText").GetString(), StringComparison.Ordinal);
        Assert.True((await ReturnAsync(agent, token, "ret-1", "sale-a", "cash", ("TEE", 1))).GetProperty("replayed").GetBoolean());
        await drawer.ExpectKicksAsync(3);

        // A card refund, more than is left, and a receipt this register does not hold are refused offline with the reason.
        await ExpectRefusedAsync(agent, token, "ret-card", "sale-b", "original", ("MUG", 1), HttpStatusCode.Conflict, "cash only");
        await ExpectRefusedAsync(agent, token, "ret-card", "sale-a", "original", ("PEN", 1), HttpStatusCode.Conflict, "cash only");
        await ExpectRefusedAsync(agent, token, "ret-many", "sale-a", "cash", ("TEE", 2), HttpStatusCode.Conflict, "Only 1 more of TEE");
        await ExpectRefusedAsync(agent, token, "ret-other", "S1-R2-000001", "cash", ("TEE", 1), HttpStatusCode.NotFound, "cannot be reached");
        using (var quote = await PostAsync(agent, token, "api/returns/quote", Body("q", "sale-b", "original", ("MUG", 1))))
        {
            Assert.Equal(HttpStatusCode.Conflict, quote.StatusCode);
        }

        // The sale rung offline (still queued) is returned too: it syncs before its return.
        var lookup = await GetAsync(agent, token, "api/returns/sale/sale-c");
        Assert.Equal(3, lookup.GetProperty("lines")[0].GetProperty("returnable").GetInt32());
        Assert.Equal(150, (await ReturnAsync(agent, token, "ret-3", "sale-c", "cash", ("PEN", 1))).GetProperty("refundTotal").GetInt64());
        await drawer.ExpectKicksAsync(4);
        Assert.Equal(3, (await agent.StatusAsync()).GetProperty("backlog").GetProperty("sales").GetInt64()); // sale-c, ret-1, ret-3

        agent.Kill();
        await agent.DisposeAsync();
        agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1", null, drawer.PrinterArgument);
        await using (agent)
        {
            token = await SignInAsync(agent, Cashier, CashierPin); // offline, against the cached PIN hash
            await ExpectRefusedAsync(agent, token, "ret-many-2", "sale-a", "cash", ("TEE", 2), HttpStatusCode.Conflict, "Only 1 more of TEE");
            Assert.True((await ReturnAsync(agent, token, "ret-1", "sale-a", "cash", ("TEE", 1))).GetProperty("replayed").GetBoolean());
            var rest = await ReturnAsync(agent, token, "ret-5", "sale-a", "cash", ("TEE", 1), ("PEN", 2));
            Assert.Equal(1_999 + 300, rest.GetProperty("refundTotal").GetInt64());
            await ExpectRefusedAsync(agent, token, "ret-6", "sale-a", "cash", ("PEN", 1), HttpStatusCode.Conflict, "Only 0 more of PEN");
            await drawer.ExpectKicksAsync(5);
            Assert.Equal(4, (await agent.StatusAsync()).GetProperty("backlog").GetProperty("sales").GetInt64());

            await node.StartAsync(); // the link is back
            var synced = await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the backlog synced");
            Assert.Equal(0, synced.GetProperty("backlog").GetProperty("rejected").GetInt64());
            var offline = (await GetAsync(agent, token, "api/returns/offline")).EnumerateArray().ToList();
            Assert.Equal(["ret-5", "ret-3", "ret-1"], offline.Select(r => r.GetProperty("returnId").GetString()!));
            Assert.All(offline, r => Assert.Equal("synced", r.GetProperty("mode").GetString()));
            Assert.Equal(["S1-R1-000004", "S1-R1-000005", "S1-R1-000006"], offline.Select(r => r.GetProperty("receiptNumber").GetString()!).Order());

            var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
            Assert.Equal((3, 4_298L + 899 + 450), (x.SalesCount, x.SalesTotal));
            Assert.Equal((3, 1_999L + 150 + 2_299), (x.RefundsCount, x.RefundsTotal));
            Assert.Equal(10_000 + 4_298 + 450 - (1_999 + 150 + 2_299), x.ExpectedCash);
            var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["TEE"] == InitialStock && s["PEN"] == InitialStock - 2);
            Assert.Equal(new Dictionary<string, long> { ["TEE"] = InitialStock, ["MUG"] = InitialStock - 1, ["APPLE"] = InitialStock, ["PEN"] = InitialStock - 2 }, stock);

            // Online again: a resend changes nothing, a retry still answers the first refund, and nothing is left of sale-a.
            var resync = await PostAsync(agent, token, "api/sync", new { });
            Assert.Equal(0, (await resync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32());
            var again = await ReturnAsync(agent, token, "ret-1", "sale-a", "cash", ("TEE", 1));
            Assert.Equal((true, "synced"), (again.GetProperty("replayed").GetBoolean(), again.GetProperty("mode").GetString()));
            var left = await GetAsync(agent, token, "api/returns/sale/sale-a");
            Assert.All(left.GetProperty("lines").EnumerateArray(), l => Assert.Equal(0, l.GetProperty("returnable").GetInt32()));
            await drawer.ExpectKicksAsync(5);
            var close = await PostAsync(agent, token, "api/shift/close", new { countedCash = x.ExpectedCash });
            var z = await close.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(close.IsSuccessStatusCode, z.ToString());
            Assert.Equal((3, 0L), (z.GetProperty("z").GetProperty("refundsCount").GetInt32(), z.GetProperty("z").GetProperty("cashVariance").GetInt64()));
        }
    }

    [Fact]
    public async Task OfflineReturn_ReturnedAtAnotherRegisterMeanwhile_IsRejectedAndKeptForTheManager_AndTheQueueGoesOn()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_offline_return_rejected");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1", "R2"]);
        using var data = new TempDirectory();
        await using var drawer = new DrawerSpy();
        // The journal is sent only when asked (POST /api/sync), so R2 can take the goods back before R1's return arrives.
        await using var agent = await StartAsync(data.Path, node.GrpcUrl, drawer, "--Agent:SyncInterval=01:00:00");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);
        Assert.Equal("online", (await SellAsync(agent, token, Sale("sale-r", [("TEE", 1)], [Cash(2_000)]))).GetProperty("mode").GetString());
        await Eventually.UntilAsync(() => TryFindAsync(admin, "sale-r"), r => r is not null);

        await node.StopAsync();
        using (var report = new HttpRequestMessage(HttpMethod.Get, "api/shift/report"))
        {
            report.Headers.Add("X-Session", token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await agent.Http.SendAsync(report)).StatusCode); // the agent notices the link is down
        }

        Assert.Equal("pending", (await ReturnAsync(agent, token, "ret-r", "sale-r", "cash", ("TEE", 1))).GetProperty("mode").GetString());
        Assert.Equal("offline", (await SellAsync(agent, token, Sale("sale-after", [("PEN", 1)], [Cash(150)]))).GetProperty("mode").GetString());

        await node.StartAsync();
        // The link is back (the X-report answers) but the return is still queued: an online return of that receipt waits for it.
        await Eventually.UntilAsync(async () =>
        {
            using var report = new HttpRequestMessage(HttpMethod.Get, "api/shift/report");
            report.Headers.Add("X-Session", token);
            using var answer = await agent.Http.SendAsync(report);
            return answer.StatusCode;
        }, code => code == HttpStatusCode.OK);
        await ExpectRefusedAsync(agent, token, "ret-online", "sale-r", "cash", ("TEE", 1), HttpStatusCode.Conflict, "has not reached the platform yet");
        await admin.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = Store, RegisterId = "R2", ShiftId = "r2-shift", CashierId = Cashier, CashierPin = CashierPin });
        await admin.Checkout.ReturnItemsAsync(new ReturnItemsRequest
        {
            StoreId = Store, RegisterId = "R2", ReturnId = "ret-at-r2", OriginalSaleId = "sale-r", Currency = Currency,
            Lines = { new ReturnLine { Sku = "TEE", Quantity = 1 } }, RefundTenders = { new Tender { Type = TenderType.Cash, Amount = 1_999 } },
        });
        // Sync by hand until the agent's channel has reconnected to the restarted node.
        var status = await Eventually.UntilAsync(async () =>
        {
            using var sync = await PostAsync(agent, token, "api/sync", new { });
            return await agent.StatusAsync();
        }, st => st.GetProperty("backlog").GetProperty("sales").GetInt64() == 0);
        Assert.True((0L, 1L) == (status.GetProperty("backlog").GetProperty("sales").GetInt64(), status.GetProperty("backlog").GetProperty("rejected").GetInt64()),
            $"{status}\n{await GetAsync(agent, token, "api/sales?limit=5")}\n{agent.Output}");
        var kept = Assert.Single((await GetAsync(agent, token, "api/returns/offline")).EnumerateArray());
        Assert.Equal(("ret-r", "rejected", 1_999L), (kept.GetProperty("returnId").GetString(), kept.GetProperty("mode").GetString(), kept.GetProperty("refundTotal").GetInt64()));
        Assert.Contains("Only 0 more", kept.GetProperty("error").GetString(), StringComparison.Ordinal);
        var again = await ReturnAsync(agent, token, "ret-r", "sale-r", "cash", ("TEE", 1));
        Assert.Equal((true, "rejected"), (again.GetProperty("replayed").GetBoolean(), again.GetProperty("mode").GetString()));

        // The sale behind it still went through; R1's shift has no refund of it, and the T-shirt came back once (at R2).
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((2, 0, 10_000L + 1_999 + 150), (x.SalesCount, x.RefundsCount, x.ExpectedCash));
        var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["PEN"] == InitialStock - 1);
        Assert.Equal((InitialStock, InitialStock - 1), (stock["TEE"], stock["PEN"]));
        await drawer.ExpectKicksAsync(3);
    }

    private static async Task<FindSaleByReceiptResponse?> TryFindAsync(Clients clients, string receipt)
    {
        try
        {
            return await clients.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = receipt });
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            return null;
        }
    }

    private static Task<AgentProcess> StartAsync(string data, string grpcUrl, DrawerSpy drawer, params string[] extraArgs) =>
        AgentProcess.StartSyncedAsync(data, grpcUrl, "R1", Products.Count, noShiftOpen: true, [drawer.PrinterArgument, .. extraArgs]);

    private static object Body(string returnId, string receipt, string refundTo, params (string Sku, int Quantity)[] lines) =>
        new { returnId, receipt, refundTo, reason = "unwanted", lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }) };

    private static async Task<JsonElement> ReturnAsync(AgentProcess agent, string token, string returnId, string receipt, string refundTo, params (string Sku, int Quantity)[] lines)
    {
        var response = await PostAsync(agent, token, "api/returns", Body(returnId, receipt, refundTo, lines));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"return {returnId} failed: {(int)response.StatusCode} {body}\n{agent.Output}");
        return body;
    }

    private static async Task ExpectRefusedAsync(AgentProcess agent, string token, string returnId, string receipt, string refundTo, (string Sku, int Quantity) line, HttpStatusCode status, string detail)
    {
        var response = await PostAsync(agent, token, "api/returns", Body(returnId, receipt, refundTo, line));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{returnId}: expected {status}, got {(int)response.StatusCode} {text}");
        Assert.Contains(detail, text, StringComparison.Ordinal);
    }
}
