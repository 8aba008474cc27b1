using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The real agent process against a real node on PostgreSQL: a gift card and a customer used online get small allowances,
/// the link is cut, gift card and points tenders are taken up to the allowance and refused beyond it with the reason, the
/// link returns and the offline spends are charged exactly once.
/// </summary>
public sealed class AgentAllowanceTests
{
    [Fact]
    public async Task AllowanceLeasedOnline_SpentOfflineWithinIt_RefusedBeyond_ChargedOnceAfterSync()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_allowance");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1", null, "--Agent:GiftCardAllowance=1200", "--Agent:PointsAllowance=100");
        await using (agent)
        {
            await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count, "catalogue synced");
            var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

            // Online: the card pays once, the customer earns 190 points and is looked up.
            Assert.Equal("online", (await SellAsync(agent, token, Sale("on-1", [("PEN", 1)], [GiftCard(150, Chain.GiftCard)]))).GetProperty("mode").GetString());
            Assert.Equal("online", (await SellAsync(agent, token, Sale("on-2", [("TEE", 1)], [Cash(1_999)], customerId: Customer))).GetProperty("mode").GetString());
            await Eventually.UntilAsync(() => admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = Customer }).ResponseAsync, a => a.AvailablePoints == 190);
            await GetAsync(agent, token, $"api/customers/{Customer}");
            await agent.WaitUntilAsync(s => Remaining(s, "giftcard") == 1_200 && Remaining(s, "points") == 100, "both allowances leased");
            var card = await admin.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = Chain.GiftCard });
            Assert.Equal((4_850L, 3_650L), (card.Balance, card.Available)); // the allowance is held out of what others may spend

            await node.StopAsync(); // the store's link is down
            var o1 = await SellAsync(agent, token, Sale("off-1", [("MUG", 1)], [GiftCard(899, Chain.GiftCard)]));
            Assert.Equal("offline", o1.GetProperty("mode").GetString());
            await ExpectRefusedAsync(agent, token, Sale("off-2", [("TEE", 1)], [GiftCard(1_999, Chain.GiftCard)]),
                "offline: this card can spend at most 3.01 EUR until the link returns");
            var o3 = await SellAsync(agent, token, Sale("off-3", [("PEN", 1)], [new { type = "points", amount = 60 }, Cash(90)], customerId: Customer));
            Assert.Equal("offline", o3.GetProperty("mode").GetString());
            await ExpectRefusedAsync(agent, token, Sale("off-4", [("PEN", 1)], [new { type = "points", amount = 150 }], customerId: Customer),
                "offline: this customer can spend at most 40 points (0.40 EUR) until the link returns");
            var down = await agent.StatusAsync();
            Assert.Equal(2, down.GetProperty("backlog").GetProperty("sales").GetInt64());
            Assert.Equal((301L, 40L), (Remaining(down, "giftcard"), Remaining(down, "points")));

            await node.StartAsync(); // the link is back
            await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the backlog synced");
            var resync = await PostAsync(agent, token, "api/sync", new { });
            Assert.Equal(0, (await resync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32());

            // before − spent, exactly: 50.00 − 1.50 online − 8.99 offline; the unspent 3.01 of the allowance is still held.
            card = await Eventually.UntilAsync(() => admin.GiftCards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = Chain.GiftCard }).ResponseAsync,
                c => c.Balance == 5_000 - 150 - 899);
            Assert.Equal((5_000L - 150 - 899, 5_000L - 150 - 899 - 301), (card.Balance, card.Available));
            // 190 earned online + 10 earned offline − 60 spent offline.
            var account = await Eventually.UntilAsync(() => admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = Customer }).ResponseAsync,
                a => a.Points == 140);
            Assert.Equal((140L, 100L), (account.Points, account.AvailablePoints));
            var journal = (await GetAsync(agent, token, "api/sales?limit=50")).EnumerateArray().ToList();
            Assert.Equal(4, journal.Count);
            Assert.All(journal, e => Assert.Equal("synced", e.GetProperty("mode").GetString()));
            var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
            Assert.Equal((4, 150L + 1_999 + 899 + 150), (x.SalesCount, x.SalesTotal));
        }
    }

    private static long Remaining(JsonElement status, string kind) =>
        status.GetProperty("allowances").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == kind).Sum(a => a.GetProperty("remaining").GetInt64());

    private static async Task ExpectRefusedAsync(AgentProcess agent, string token, object sale, string reason)
    {
        var response = await PostAsync(agent, token, "api/sales", sale);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, body);
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }
}
