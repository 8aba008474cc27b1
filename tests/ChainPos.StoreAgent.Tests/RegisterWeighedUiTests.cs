using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The register UI in real headless Chromium, served by the real agent against a real node: a weight label scanned and a loose
/// item weighed at the till, both priced by their grams; the platform has the sale at the same amount.
/// </summary>
[Collection(BrowserUi.Collection)]
public sealed class RegisterWeighedUiTests
{
    [Fact]
    public async Task RegisterUi_ScanAWeightLabelAndWeighALooseItem_BasketShowsWeightsAndAmounts()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_ui_weighed");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        await AgentWeighedSaleTests.SeedWeighedAsync(admin);
        using var data = new TempDirectory();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count + 1, "catalogue synced");
        var url = new Uri($"http://127.0.0.1:{agent.Port}/");

        var result = await BrowserScript.RunAsync("register-weighed.mjs", url, new Dictionary<string, string>
        {
            ["REGISTER_EMPLOYEE"] = Cashier, ["REGISTER_PIN"] = CashierPin, ["REGISTER_WEIGHT_LABEL"] = "2212345005123",
            ["REGISTER_BAD_LABEL"] = "2212345005124", ["REGISTER_SEARCH"] = "Loose",
        });
        BrowserScript.AssertPassed("register-weighed.mjs", result, agent.Output);

        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((1, 456L), (x.SalesCount, x.SalesTotal));
        var sale = await admin.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = "S1-R1-000001" });
        Assert.Equal([(512, 306L), (250, 150L)], sale.Receipt.Lines.Select(l => (l.WeightGrams, l.Net)));
    }
}
