using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The real agent process against a real node on PostgreSQL: the link is cut (node stopped), sales are rung,
/// the agent is killed with SIGKILL and restarted, the link returns; every sale arrives once and the
/// stock, gift card and loyalty balances add up.
/// </summary>
public sealed class AgentOfflineTests
{
    [Fact]
    public async Task PlatformDownAtStart_FirstCatalogueCopyArrivesSoonAfterItReturns_WhateverTheJournalInterval()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_first_copy");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        await node.StopAsync();
        using var data = new TempDirectory();

        // The journal syncs hourly here; the first catalogue copy must not wait for that after a failed attempt.
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1", null, ["--Agent:SyncInterval=01:00:00"]);
        await agent.WaitUntilAsync(s => !s.GetProperty("online").GetBoolean() && s.GetProperty("lastError").ValueKind == JsonValueKind.String,
            "a failed first sync");
        await node.StartAsync();

        var status = await agent.WaitUntilAsync(s => s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count,
            "catalogue synced after the platform returned", TimeSpan.FromSeconds(30));
        Assert.True(status.GetProperty("online").GetBoolean(), status.ToString());
    }

    [Fact]
    public async Task LinkDown_AgentKilledTwice_LinkBack_EverySaleArrivesOnce()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_offline");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();

        var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count, "catalogue synced");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

        var s1 = await SellAsync(agent, token, Sale("sale-1", [("TEE", 1)], [Cash(2_000)]));
        var s2 = await SellAsync(agent, token, Sale("sale-2", [("MUG", 1)], [GiftCard(899, Chain.GiftCard)]));
        Assert.Equal(("online", "S1-R1-000001", 1L), (s1.GetProperty("mode").GetString(), s1.GetProperty("receiptNumber").GetString(), s1.GetProperty("change").GetInt64()));
        Assert.Equal("online", s2.GetProperty("mode").GetString());

        await node.StopAsync(); // the store's link is down
        var s3 = await SellAsync(agent, token, Sale("sale-3", [("MUG", 2)], [Cash(2_000)]));
        var s4 = await SellAsync(agent, token, Sale("sale-4", [("APPLE", 3)], [Card(900)]));
        var s5 = await SellAsync(agent, token, Sale("sale-5", [("PEN", 2)], [Cash(300)], customerId: Customer));
        Assert.All(new[] { s3, s4, s5 }, s => Assert.Equal("offline", s.GetProperty("mode").GetString()));
        Assert.Equal(900, s4.GetProperty("total").GetInt64()); // the multi-buy, priced by the agent
        Assert.Contains("Offline sale", s3.GetProperty("receiptText").GetString(), StringComparison.Ordinal);
        // A card this register never saw online has no allowance here: refused offline.
        var refused = await PostAsync(agent, token, "api/sales", Sale("sale-gc-offline", [("PEN", 1)], [GiftCard(150, "6000 1111 2222 3333")]));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("has no allowance left at this register", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var down = await agent.StatusAsync();
        Assert.False(down.GetProperty("online").GetBoolean());
        Assert.Equal(3, down.GetProperty("backlog").GetProperty("sales").GetInt64());
        var metrics = await agent.Http.GetStringAsync("metrics");
        // Each gauge is labelled with this agent's store and register (label order is the exporter's).
        const string ThisAgent = @"\{(?=[^}]*\bstore=""" + Chain.Store + @""")(?=[^}]*\bregister=""R1"")[^}]*\}";
        Assert.Matches(new Regex(@"^chainpos_agent_backlog_sales" + ThisAgent + @" 3( |$)", RegexOptions.Multiline), metrics);
        Assert.Matches(new Regex(@"^chainpos_agent_online" + ThisAgent + @" 0( |$)", RegexOptions.Multiline), metrics);
        Assert.Matches(new Regex(@"^chainpos_agent_backlog_age_seconds" + ThisAgent + @" [0-9.]+", RegexOptions.Multiline), metrics);

        agent.Kill();
        await agent.DisposeAsync();
        agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        Assert.Equal(3, (await agent.StatusAsync()).GetProperty("backlog").GetProperty("sales").GetInt64());
        var wrongPin = await agent.Http.PostAsJsonAsync("api/signin", new { employeeId = Cashier, pin = "0000" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPin.StatusCode);
        token = await SignInAsync(agent, Cashier, CashierPin); // offline: against the PIN hash cached at opening
        var s6 = await SellAsync(agent, token, Sale("sale-6", [("TEE", 1)], [Cash(1_999)]));
        Assert.Equal("offline", s6.GetProperty("mode").GetString());
        agent.Kill(); // right after the answer: the sale must already be durable
        await agent.DisposeAsync();
        agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        Assert.Equal(4, (await agent.StatusAsync()).GetProperty("backlog").GetProperty("sales").GetInt64());

        await node.StartAsync(); // the link is back
        await using (agent)
        {
            await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the backlog synced");
            token = await SignInAsync(agent, Cashier, CashierPin);
            var journal = await GetAsync(agent, token, "api/sales?limit=50");
            var entries = journal.EnumerateArray().ToList();
            Assert.Equal(6, entries.Count);
            Assert.All(entries, e => Assert.Equal("synced", e.GetProperty("mode").GetString()));
            var numbers = entries.Select(e => e.GetProperty("receiptNumber").GetString()).ToHashSet();
            Assert.Equal(["S1-R1-000001", "S1-R1-000002", "S1-R1-000003", "S1-R1-000004", "S1-R1-000005", "S1-R1-000006"], numbers.Order());

            var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
            Assert.Equal(6, x.SalesCount);
            Assert.Equal(1_999 + 899 + 1_798 + 900 + 300 + 1_999, x.SalesTotal);
            Assert.Equal(10_000 + 1_999 + 1_798 + 300 + 1_999, x.ExpectedCash);
            var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["TEE"] == InitialStock - 2 && s["PEN"] == InitialStock - 2);
            Assert.Equal(new Dictionary<string, long> { ["TEE"] = InitialStock - 2, ["MUG"] = InitialStock - 3, ["APPLE"] = InitialStock - 3, ["PEN"] = InitialStock - 2 }, stock);
            var card = await admin.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = Chain.GiftCard });
            Assert.Equal(5_000 - 899, card.Balance);
            var expectedPoints = LoyaltyRules.PointsEarned(300, 2, new LoyaltyRule(10, 1, 50_000, 200_000));
            var account = await Eventually.UntilAsync(
                () => admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = Customer }).ResponseAsync,
                a => a.Points == expectedPoints);
            Assert.Equal(expectedPoints, account.Points);

            // A resend changes nothing, and the shift closes with everything in it.
            var resync = await PostAsync(agent, token, "api/sync", new { });
            Assert.Equal(0, (await resync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32());
            var close = await PostAsync(agent, token, "api/shift/close", new { countedCash = x.ExpectedCash });
            var z = await close.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(close.IsSuccessStatusCode, z.ToString());
            Assert.Equal(6, z.GetProperty("z").GetProperty("salesCount").GetInt32());
            Assert.Equal(0, z.GetProperty("z").GetProperty("cashVariance").GetInt64());
            Assert.Equal(0, z.GetProperty("queuedSales").GetInt64());
        }
    }
}
