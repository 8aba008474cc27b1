using System.Diagnostics;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// A scanner on the agent (TCP, like a serial-to-Ethernet bridge) feeding the register UI in real headless Chromium, served by
/// the real agent against a real node, with the virtual customer display: what the display shows ends up in its file.
/// </summary>
[Collection(BrowserUi.Collection)]
public sealed class RegisterScannerUiTests
{
    [Fact]
    public async Task RegisterUi_ScanFromTheAgentsTcpScanner_AddsTheItem_AndTheVirtualDisplayShowsTheChange()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_ui_scanner");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        await using var scanner = new FakeScanner();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1", null, scanner.ScannerArgument,
            "--Agent:CustomerDisplayIdleAfter=00:00:00");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count
            && s.GetProperty("scanner").GetProperty("connected").GetBoolean(), "catalogue synced, scanner connected");
        var url = new Uri($"http://127.0.0.1:{agent.Port}/");

        var script = BrowserScript.RunAsync("register-scanner.mjs", url, new Dictionary<string, string>
        {
            ["REGISTER_EMPLOYEE"] = Cashier, ["REGISTER_PIN"] = CashierPin,
        });
        // The page signs in and listens to the scan stream; then the scanner reads the T-shirt's barcode.
        var clock = Stopwatch.StartNew();
        while (!script.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(60)
            && (await agent.StatusAsync()).GetProperty("scanner").GetProperty("listeners").GetInt32() == 0)
        {
            await Task.Delay(100);
        }

        if (!script.IsCompleted)
        {
            await scanner.ScanAsync("4006381333931");
        }

        BrowserScript.AssertPassed("register-scanner.mjs", await script, agent.Output);
        var status = await agent.StatusAsync();
        Assert.Equal(1, status.GetProperty("scanner").GetProperty("scans").GetInt64());
        Assert.Equal(["PAID          €30.00", "CHANGE         €1.02"], await File.ReadAllLinesAsync(Path.Combine(data.Path, "customer-display.txt")));
    }
}
