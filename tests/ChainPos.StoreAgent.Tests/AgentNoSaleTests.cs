using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// No-sale drawer openings through the real agent process against a real node, with a fake network printer counting drawer
/// kicks: online and offline (node stopped, journaled, node restarted, synced once), retries with the same id opening and
/// recording nothing again, bad input refused with nothing recorded or opened, and a supervisor-approved no-sale in a shift
/// opened offline synced in order with that shift and a sale.
/// </summary>
public sealed class AgentNoSaleTests
{
    [Fact]
    public async Task NoSale_OnlineAndOffline_DrawerKickedOncePerId_PlatformCountsEachOnce_BadInputChangesNothing()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_nosale");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var drawer = new DrawerSpy();
        await using var agent = await StartSyncedAgentAsync(data.Path, node.GrpcUrl, drawer.PrinterArgument);
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

        await ExpectRefusedAsync(agent, token, HttpStatusCode.BadRequest, new { noSaleId = "ns-bad-1" }, "reason");
        await ExpectRefusedAsync(agent, token, HttpStatusCode.BadRequest, new { noSaleId = "ns-bad-2", reason = "  " }, "reason");
        await ExpectRefusedAsync(agent, token, HttpStatusCode.BadRequest, new { noSaleId = "ns-bad-3", reason = "ok\u0007?" }, "reason");
        await ExpectRefusedAsync(agent, token, HttpStatusCode.BadRequest, new { noSaleId = "has space", reason = "Give change" }, "noSaleId");
        await ExpectRefusedAsync(agent, token, HttpStatusCode.BadRequest, new { reason = "Give change" }, "noSaleId");
        using (var anonymous = new HttpRequestMessage(HttpMethod.Post, "api/drawer/no-sale") { Content = JsonContent.Create(new { noSaleId = "ns-anon", reason = "Give change" }) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.SendAsync(anonymous)).StatusCode);
        }

        var first = await NoSaleAsync(agent, token, "ns-on-1", "Give change");
        Assert.Equal(("online", true, false), (first.GetProperty("mode").GetString(), first.GetProperty("drawerOpened").GetBoolean(), first.GetProperty("replayed").GetBoolean()));
        var retry = await NoSaleAsync(agent, token, "ns-on-1", "Give change");
        Assert.Equal(("synced", false, true), (retry.GetProperty("mode").GetString(), retry.GetProperty("drawerOpened").GetBoolean(), retry.GetProperty("replayed").GetBoolean()));
        await drawer.ExpectKicksAsync(1);
        Assert.Equal(1, (await GetAsync(agent, token, "api/shift/report")).GetProperty("noSaleCount").GetInt32());

        // The link goes down: no-sales are journaled in the offline order, the drawer still opens once per id.
        await node.StopAsync();
        await agent.WaitUntilAsync(s => !s.GetProperty("online").GetBoolean(), "the link down");
        var offline = await NoSaleAsync(agent, token, "ns-off-1", "Check a banknote");
        Assert.Equal(("offline", true), (offline.GetProperty("mode").GetString(), offline.GetProperty("drawerOpened").GetBoolean()));
        Assert.True((await NoSaleAsync(agent, token, "ns-off-1", "Check a banknote")).GetProperty("replayed").GetBoolean());
        await ExpectRefusedAsync(agent, token, HttpStatusCode.BadRequest, new { noSaleId = "ns-off-bad", reason = "x" }, "reason");
        Assert.Equal("offline", (await NoSaleAsync(agent, token, "ns-off-2", "Customer wanted coins for the car park")).GetProperty("mode").GetString());
        Assert.Equal(2, (await agent.StatusAsync()).GetProperty("backlog").GetProperty("sales").GetInt64());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await SendGetAsync(agent, token, "api/shift/report")).StatusCode);
        await drawer.ExpectKicksAsync(3);

        await node.StartAsync();
        var synced = await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the no-sales synced");
        Assert.Equal(0, synced.GetProperty("backlog").GetProperty("rejected").GetInt64());
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((3, 10_000L), (x.NoSaleCount, x.ExpectedCash));

        // Retries after the sync record and open nothing; one more real no-sale is the fourth kick, so no retry kicked.
        Assert.Equal(("synced", true), Mode(await NoSaleAsync(agent, token, "ns-off-1", "Check a banknote")));
        Assert.Equal(("synced", true), Mode(await NoSaleAsync(agent, token, "ns-on-1", "Give change")));
        Assert.Equal(("online", false), Mode(await NoSaleAsync(agent, token, "ns-on-2", "Float check")));
        await drawer.ExpectKicksAsync(4);
        Assert.Equal(4, (await GetAsync(agent, token, "api/shift/report")).GetProperty("noSaleCount").GetInt32());
        var list = await GetAsync(agent, token, "api/drawer/no-sale");
        Assert.Equal(["ns-on-2", "ns-off-2", "ns-off-1", "ns-on-1"], list.EnumerateArray().Select(e => e.GetProperty("noSaleId").GetString()!));
        Assert.All(list.EnumerateArray(), e => Assert.Equal((Cashier, "synced"), (e.GetProperty("cashierId").GetString(), e.GetProperty("mode").GetString())));

        var z = await PostAsync(agent, token, "api/shift/close", new { countedCash = 10_000 });
        var closed = await z.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((4, 0L), (closed.GetProperty("z").GetProperty("noSaleCount").GetInt32(), closed.GetProperty("z").GetProperty("cashVariance").GetInt64()));
    }

    [Fact]
    public async Task NoSale_NeedingASupervisor_InAShiftOpenedOffline_SyncsInOrderWithTheShiftAndASale()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_nosale_sup");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var drawer = new DrawerSpy();
        await using var agent = await StartSyncedAgentAsync(data.Path, node.GrpcUrl, drawer.PrinterArgument, "--Agent:NoSaleNeedsSupervisor=true");
        await node.StopAsync();
        await agent.WaitUntilAsync(s => !s.GetProperty("online").GetBoolean(), "the link down");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 5_000);

        var reasons = await GetAsync(agent, token, "api/drawer/no-sale/reasons");
        Assert.True(reasons.GetProperty("needsSupervisor").GetBoolean());
        Assert.Contains("Give change", reasons.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        await ExpectRefusedAsync(agent, token, HttpStatusCode.Forbidden, new { noSaleId = "sup-1", reason = "Give change" }, "supervisor");
        await ExpectRefusedAsync(agent, token, HttpStatusCode.Forbidden, new { noSaleId = "sup-1", reason = "Give change", supervisorId = Supervisor, supervisorPin = "1111" }, "refused");
        await ExpectRefusedAsync(agent, token, HttpStatusCode.Forbidden, new { noSaleId = "sup-1", reason = "Give change", supervisorId = Cashier, supervisorPin = CashierPin }, "refused");
        var approved = await NoSaleAsync(agent, token, "sup-1", "Give change", Supervisor, SupervisorPin);
        Assert.Equal(("offline", Supervisor), (approved.GetProperty("mode").GetString(), approved.GetProperty("approvedBy").GetString()));
        await drawer.ExpectKicksAsync(1);
        var sale = await SellAsync(agent, token, Sale("after-nosale", [("PEN", 1)], [Card(150)]));
        Assert.Equal("offline", sale.GetProperty("mode").GetString());
        Assert.Equal(3, (await agent.StatusAsync()).GetProperty("backlog").GetProperty("sales").GetInt64()); // shift, no-sale, sale

        await node.StartAsync();
        var synced = await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "shift, no-sale and sale synced");
        Assert.Equal(0, synced.GetProperty("backlog").GetProperty("rejected").GetInt64());
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((synced.GetProperty("shift").GetProperty("shiftId").GetString(), 1, 1, 150L), (x.ShiftId, x.NoSaleCount, x.SalesCount, x.SalesTotal));
        var kept = Assert.Single((await GetAsync(agent, token, "api/drawer/no-sale")).EnumerateArray());
        Assert.Equal(("sup-1", Supervisor, "synced"), (kept.GetProperty("noSaleId").GetString(), kept.GetProperty("approvedBy").GetString(), kept.GetProperty("mode").GetString()));
        await drawer.ExpectKicksAsync(1);
    }

    private static (string?, bool) Mode(JsonElement answer) => (answer.GetProperty("mode").GetString(), answer.GetProperty("replayed").GetBoolean());

    private static async Task<JsonElement> NoSaleAsync(AgentProcess agent, string token, string id, string reason, string? supervisorId = null, string? supervisorPin = null)
    {
        var response = await PostAsync(agent, token, "api/drawer/no-sale", new { noSaleId = id, reason, supervisorId, supervisorPin });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"no-sale {id} failed: {(int)response.StatusCode} {body}\n{agent.Output}");
        return body;
    }

    private static async Task ExpectRefusedAsync(AgentProcess agent, string token, HttpStatusCode status, object body, string detail)
    {
        var response = await PostAsync(agent, token, "api/drawer/no-sale", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode} {text}");
        Assert.Contains(detail, text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<HttpResponseMessage> SendGetAsync(AgentProcess agent, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Session", token);
        return await agent.Http.SendAsync(request);
    }

    // Staff verifiers arrive with the store settings, on the same catalogue sync.
    private static Task<AgentProcess> StartSyncedAgentAsync(string data, string grpcUrl, params string[] extraArgs) =>
        AgentProcess.StartSyncedAsync(data, grpcUrl, "R1", Products.Count, noShiftOpen: true, extraArgs);
}
