using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The register UI's Returns screen offline in real headless Chromium, served by the real agent (printing to a fake network
/// printer that counts drawer kicks) against a real node that is stopped, then started again: the refund paid out in cash
/// arrives on the platform once.
/// </summary>
[Collection(BrowserUi.Collection)]
public sealed class RegisterOfflineReturnUiTests
{
    [Fact]
    public async Task RegisterUi_ReturnOffline_CardRefundRefusedWithTheReason_CashRefundSyncsOnce()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_ui_return_offline");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var drawer = new DrawerSpy();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1", null, drawer.PrinterArgument);
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count, "catalogue synced");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);
        Assert.Equal("online", (await SellAsync(agent, token, Sale("sale-ui-card", [("MUG", 1)], [Card(899)]))).GetProperty("mode").GetString());
        await node.StopAsync();
        await agent.WaitUntilAsync(s => !s.GetProperty("online").GetBoolean(), "the link down");

        var result = await BrowserScript.RunAsync("register-return-offline.mjs", new Uri($"http://127.0.0.1:{agent.Port}/"), new Dictionary<string, string>
        {
            ["REGISTER_EMPLOYEE"] = Cashier, ["REGISTER_PIN"] = CashierPin, ["REGISTER_SALE"] = "sale-ui-card",
        });
        BrowserScript.AssertPassed("register-return-offline.mjs", result, agent.Output);
        await drawer.ExpectKicksAsync(1);

        await node.StartAsync();
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the return synced");
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((1, 899L, 10_000L - 899), (x.RefundsCount, x.RefundsTotal, x.ExpectedCash));
        var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["MUG"] == InitialStock);
        Assert.Equal(InitialStock, stock["MUG"]);
    }
}
