using System.Text.RegularExpressions;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The register UI in real headless Chromium, served by the real agent against a real node: a customer enrolled at the till
/// and sold to, with a scale label (price-embedded barcode) at its label price.
/// </summary>
[Collection(BrowserUi.Collection)]
public sealed partial class RegisterEnrolUiTests
{
    [Fact]
    public async Task RegisterUi_EnrolACustomer_ThenSellThemAScaleLabelAndATShirt()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_ui_enrol");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        await admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "seed-cheese", Products = { AgentEnrolAndLabelTests.Cheese } });
        using var data = new TempDirectory();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count + 1, "catalogue synced");
        var url = new Uri($"http://127.0.0.1:{agent.Port}/");

        var result = await BrowserScript.RunAsync("register-enrol.mjs", url, new Dictionary<string, string>
        {
            ["REGISTER_EMPLOYEE"] = Cashier, ["REGISTER_PIN"] = CashierPin, ["REGISTER_LABEL"] = "2112345002507", ["REGISTER_BAD_LABEL"] = "2112345002508",
        });
        BrowserScript.AssertPassed("register-enrol.mjs", result, agent.Output);

        var customerId = CustomerLine().Match(result.Output).Groups[1].Value;
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((1, 250L + 1_999), (x.SalesCount, x.SalesTotal));
        var points = LoyaltyRules.PointsEarned(2_249, 2, new LoyaltyRule(10, 1, 50_000, 200_000));
        var account = await Eventually.UntilAsync(
            () => admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = customerId }).ResponseAsync, a => a.Points == points);
        Assert.Equal(("Grace Hopper", points), (account.DisplayName, account.Points));
    }

    [GeneratedRegex(@"^customer: (C-[0-9A-F]{12})$", RegexOptions.Multiline)]
    private static partial Regex CustomerLine();
}
