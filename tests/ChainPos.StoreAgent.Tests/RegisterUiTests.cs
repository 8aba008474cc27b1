using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The register web UI in real headless Chromium, served by the real agent against a real node: a full sale, offline sales (one
/// approved by a supervisor on the register, the stock quota shown), the counter work and a return without receipt.
/// </summary>
[Collection(BrowserUi.Collection)]
public sealed class RegisterUiTests
{
    [Fact]
    public async Task RegisterUi_FullSaleOnline_ThenOfflineSale_SyncsWhenTheLinkReturns()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_ui");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        // Apples are limited (not sold by these scripts): the offline page shows the quota the register holds.
        await admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "APPLE", OfflineQuota = 2 });
        using var data = new TempDirectory();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count
            && s.GetProperty("quotas").EnumerateArray().Any(q => q.GetProperty("left").GetInt64() == 2), "catalogue synced, APPLE quota leased");
        var url = new Uri($"http://127.0.0.1:{agent.Port}/");
        var cashier = new Dictionary<string, string>
        {
            ["REGISTER_EMPLOYEE"] = Cashier, ["REGISTER_PIN"] = CashierPin, ["REGISTER_SUPERVISOR"] = Supervisor, ["REGISTER_SUPERVISOR_PIN"] = SupervisorPin,
        };

        var sale = await BrowserScript.RunAsync("register-sale.mjs", url, cashier);
        BrowserScript.AssertPassed("register-sale.mjs", sale, agent.Output);

        await node.StopAsync();
        var offline = await BrowserScript.RunAsync("register-offline.mjs", url, cashier);
        BrowserScript.AssertPassed("register-offline.mjs", offline, agent.Output);

        await node.StartAsync();
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the offline sales synced");
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal(3, x.SalesCount);
        Assert.Equal(3597 + 300 + 1599, x.SalesTotal);
        // The platform keeps who approved the offline discount.
        var approved = await admin.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = "S1-R1-000003" });
        Assert.Equal((Supervisor, 1599L), (approved.ApprovedBy, approved.Receipt.Total));
    }

    [Fact]
    public async Task RegisterUi_SuspendResume_Reprint_GiftReceipt_AndReturn()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_ui_counter");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count, "catalogue synced");
        var url = new Uri($"http://127.0.0.1:{agent.Port}/");
        var cashier = new Dictionary<string, string>
        {
            ["REGISTER_EMPLOYEE"] = Cashier, ["REGISTER_PIN"] = CashierPin, ["REGISTER_SUPERVISOR"] = Supervisor, ["REGISTER_SUPERVISOR_PIN"] = SupervisorPin,
        };

        var counter = await BrowserScript.RunAsync("register-counter.mjs", url, cashier);
        BrowserScript.AssertPassed("register-counter.mjs", counter, agent.Output);

        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((1, 2_898L, 2, 3_998L), (x.SalesCount, x.SalesTotal, x.RefundsCount, x.RefundsTotal));
        Assert.Equal(10_000 - 1_999 - 1_999, x.ExpectedCash);
        // The T-shirt returned with its receipt and the one returned without are both back on the shelf.
        var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["TEE"] == InitialStock + 1 && s["MUG"] == InitialStock - 1);
        Assert.Equal(InitialStock + 1, stock["TEE"]);
        Assert.Empty((await admin.Checkout.ListSuspendedSalesAsync(new ListSuspendedSalesRequest { StoreId = Store })).Sales);
    }
}
