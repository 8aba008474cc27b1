using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The customer display of the real agent process against a real node, on TCP to a fake display that decodes the bytes it
/// receives: the welcome text, the item just added and the running total, the total at tender, paid and change after a cash
/// sale, the total and a thank-you after a card sale, the refund and a thank-you after a return, NO SALE when the drawer opens
/// without a sale (a retried return or no-sale shows nothing new); unplugged, the next sale completes all the same and the status
/// says why.
/// </summary>
public sealed class AgentCustomerDisplayTests
{
    [Fact]
    public async Task CustomerDisplay_OnTcp_ShowsItemTotalChangeRefundAndNoSale_AndAnUnpluggedDisplayNeverBlocksASale()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_display");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var display = new FakeLineDisplay();
        // The change stays until the next sale starts, so the test reads it without racing the welcome text.
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1", null, display.DisplayArgument,
            "--Agent:CustomerDisplayIdleAfter=00:00:00");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count,
            "catalogue synced");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(agent, token, "api/display/idle", new { })).StatusCode);
        await display.ExpectAsync("Welcome", "Store S1");
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(agent, token, "api/display/item", new { name = "T-shirt", quantity = 2, amount = 3998, total = 3998 })).StatusCode);
        await display.ExpectAsync("2 x T-shirt    39.98", "TOTAL         €39.98");
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(agent, token, "api/display/total", new { total = 3998 })).StatusCode);
        await display.ExpectAsync("TOTAL         €39.98", "");

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(agent, token, "api/display/item", new { name = " ", quantity = 1, amount = 1, total = 1 })).StatusCode);
        using (var anonymous = new HttpRequestMessage(HttpMethod.Post, "api/display/item") { Content = JsonContent.Create(new { name = "Mug", quantity = 1, amount = 899, total = 899 }) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.SendAsync(anonymous)).StatusCode);
        }

        var cash = await SellAsync(agent, token, Sale("display-1", [("TEE", 2)], [Cash(4000)]));
        Assert.Equal(2L, cash.GetProperty("change").GetInt64());
        await display.ExpectAsync("PAID          €40.00", "CHANGE         €0.02");
        var shown = (await agent.StatusAsync()).GetProperty("display");
        Assert.Equal(("PAID          €40.00", "CHANGE         €0.02", JsonValueKind.Null),
            (shown.GetProperty("line1").GetString(), shown.GetProperty("line2").GetString(), shown.GetProperty("error").ValueKind));

        await SellAsync(agent, token, Sale("display-2", [("MUG", 1)], [Card(899)]));
        await display.ExpectAsync("TOTAL          €8.99", "Thank you");

        // A return: the amount refunded and a thank-you. A no-sale: the customer sees why the drawer opens.
        var refund = await PostAsync(agent, token, "api/returns", new { returnId = "display-ret", receipt = "display-2", lines = new[] { new { sku = "MUG", quantity = 1 } }, refundTo = "cash" });
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        await display.ExpectAsync("REFUND         €8.99", "Thank you");
        var noSale = await PostAsync(agent, token, "api/drawer/no-sale", new { noSaleId = "display-nosale", reason = "Give change" });
        Assert.Equal(HttpStatusCode.OK, noSale.StatusCode);
        await display.ExpectAsync("NO SALE", "");
        // The same return and no-sale again (a retry) refund and open nothing, and show nothing new.
        await PostAsync(agent, token, "api/display/total", new { total = 150 });
        await display.ExpectAsync("TOTAL          €1.50", "");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(agent, token, "api/returns", new { returnId = "display-ret", receipt = "display-2", lines = new[] { new { sku = "MUG", quantity = 1 } }, refundTo = "cash" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(agent, token, "api/drawer/no-sale", new { noSaleId = "display-nosale", reason = "Give change" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(agent, token, "api/display/item", new { name = "Pen", quantity = 1, amount = 150, total = 150 })).StatusCode);
        await display.ExpectAsync("Pen             1.50", "TOTAL          €1.50");
        Assert.Equal((1, 1), (display.TimesSent("REFUND"), display.TimesSent("NO SALE")));

        // Unplugged: the sale completes, the status names the failure and keeps what the display showed last.
        await display.UnplugAsync();
        var unplugged = await SellAsync(agent, token, Sale("display-3", [("PEN", 1)], [Cash(200)]));
        Assert.Equal(("online", 50L), (unplugged.GetProperty("mode").GetString(), unplugged.GetProperty("change").GetInt64()));
        var status = await agent.WaitUntilAsync(s => s.GetProperty("display").GetProperty("error").ValueKind == JsonValueKind.String, "the display failure in the status");
        var failed = status.GetProperty("display");
        Assert.Equal(($"tcp://127.0.0.1:{display.Port}", "Pen             1.50", "TOTAL          €1.50"),
            (failed.GetProperty("target").GetString(), failed.GetProperty("line1").GetString(), failed.GetProperty("line2").GetString()));
        Assert.Equal(("Pen             1.50", "TOTAL          €1.50"), display.Lines);
    }
}
