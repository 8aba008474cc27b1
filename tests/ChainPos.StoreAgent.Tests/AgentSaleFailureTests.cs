using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Microsoft.Data.Sqlite;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// Sales the real agent process used to answer with a bare HTTP 500: a card tender whose terminal reference (sale id + tender
/// number) looked like a card number or was too long for the terminal, and the journal's SQLite file locked by another program.
/// Each is sold once, a retry gives the same receipt, and a failure answers JSON with the cause logged.
/// </summary>
[Collection(SyncNodeCollection.Name)]
public sealed class AgentSaleFailureTests(SyncNodeFixture node)
{

    [Fact]
    public async Task CardSale_WhoseSaleIdLooksLikeACardNumberOrIsLong_IsSoldOnce()
    {
        using var data = new TempDirectory();
        await using var agent = await StartAsync(data.Path, "R10");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);
        string[] saleIds =
        [
            // A UUID the register UI made (crypto.randomUUID) in a failed run: "…-e23514067109" + "-1" is 12 digits between dashes.
            "31ef0f33-068f-40db-ab29-e23514067109",
            "4111111111111111",
            new string('s', 64),
        ];

        var receipts = new List<string>();
        foreach (var saleId in saleIds)
        {
            var sale = await SellAsync(agent, token, Sale(saleId, [("PEN", 1)], [Card(150)]));
            var again = await SellAsync(agent, token, Sale(saleId, [("PEN", 1)], [Card(150)]));
            Assert.Equal(("online", 150L), (sale.GetProperty("mode").GetString(), sale.GetProperty("total").GetInt64()));
            Assert.Equal(sale.GetProperty("receiptNumber").GetString(), again.GetProperty("receiptNumber").GetString());
            receipts.Add(sale.GetProperty("receiptNumber").GetString()!);
        }

        Assert.Equal(["S1-R10-000001", "S1-R10-000002", "S1-R10-000003"], receipts);
        var x = await node.Admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R10" });
        Assert.Equal((3, 450L), (x.SalesCount, x.SalesTotal));
        Assert.DoesNotContain("Exception", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardSale_WhileAnotherProgramLocksTheJournal_Answers503WithTheCauseLogged_AndTheRetryIsChargedAndSoldOnce()
    {
        using var data = new TempDirectory();
        // A write gives up after a second instead of five, so the test waits less.
        await using var agent = await StartAsync(data.Path, "R11", "--Agent:DatabaseBusyTimeout=00:00:01");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);
        var sale = Sale("locked-1", [("TEE", 1)], [Card(1_999)]);

        await using (var other = new SqliteConnection($"Data Source={Path.Combine(data.Path, "agent.db")};Pooling=False"))
        {
            other.Open();
            using var writing = other.BeginTransaction(); // BEGIN IMMEDIATE: the write lock, until rolled back
            var locked = await PostAsync(agent, token, "api/sales", sale);
            var body = await locked.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.StatusCode);
            Assert.Equal("The register's local journal is busy (another program holds the agent's database file). "
                + "Try again: a sale retried with the same id is recorded and charged once.", body.GetProperty("error").GetString());
            writing.Rollback();
        }

        Assert.Contains("POST /api/sales failed; answered 503", agent.Output, StringComparison.Ordinal);
        Assert.Contains("SqliteException", agent.Output, StringComparison.Ordinal);
        // The card was authorised before the journal refused the sale: the retry gets the terminal's first answer, not a second charge.
        var sold = await SellAsync(agent, token, sale);
        Assert.Equal(("online", "S1-R11-000001"), (sold.GetProperty("mode").GetString(), sold.GetProperty("receiptNumber").GetString()));
        var x = await node.Admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R11" });
        Assert.Equal((1, 1_999L), (x.SalesCount, x.SalesTotal));
        var found = await node.Agent.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = "locked-1" });
        Assert.Equal("SIM-000001", Assert.Single(found.Tenders).CardToken);
    }

    private Task<AgentProcess> StartAsync(string data, string registerId, params string[] extraArgs) =>
        AgentProcess.StartSyncedAsync(data, node.GrpcUrl, registerId, Products.Count, extraArgs: extraArgs);
}
