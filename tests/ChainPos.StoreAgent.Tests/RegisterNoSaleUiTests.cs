using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The register UI's No sale and offline allowance bar in real headless Chromium, served by the real agent (printing to a
/// fake network printer that counts drawer kicks) against a real node.
/// </summary>
[Collection(BrowserUi.Collection)]
public sealed class RegisterNoSaleUiTests
{
    [Fact]
    public async Task RegisterUi_NoSaleWithAPickedAndATypedReason_KicksTheDrawerTwice_AndShowsTheGiftCardAllowance()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_ui_nosale");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var drawer = new DrawerSpy();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1", null, drawer.PrinterArgument);
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count, "catalogue synced");
        var url = new Uri($"http://127.0.0.1:{agent.Port}/");

        var result = await BrowserScript.RunAsync("register-nosale.mjs", url, new Dictionary<string, string>
        {
            ["REGISTER_EMPLOYEE"] = Cashier, ["REGISTER_PIN"] = CashierPin, ["REGISTER_GIFT_CARD"] = GiftCard,
        });
        BrowserScript.AssertPassed("register-nosale.mjs", result, agent.Output);

        // The shift is closed: its Z-report has both no-sales and the gift card sale, and no cash moved.
        var z = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((true, 2, 1, 150L, 0L), (z.Closed, z.NoSaleCount, z.SalesCount, z.SalesTotal, z.CashVariance));
        await drawer.ExpectKicksAsync(2);
    }
}
