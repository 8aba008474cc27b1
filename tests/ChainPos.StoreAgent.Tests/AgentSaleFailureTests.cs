using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// Sales the real agent process used to answer with a bare HTTP 500: a card tender whose terminal reference (sale id + tender
/// number) looked like a card number or was too long for the terminal. Each is sold once, and a retry gives the same receipt.
/// </summary>
[Collection(SyncNodeCollection.Name)]
public sealed class AgentSaleFailureTests(SyncNodeFixture node)
{
    private const string RegisterId = "R10";

    [Fact]
    public async Task CardSale_WhoseSaleIdLooksLikeACardNumberOrIsLong_IsSoldOnce()
    {
        using var data = new TempDirectory();
        await using var agent = await StartAsync(data.Path);
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
        var x = await node.Admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = RegisterId });
        Assert.Equal((3, 450L), (x.SalesCount, x.SalesTotal));
        Assert.DoesNotContain("Exception", agent.Output, StringComparison.Ordinal);
    }

    private async Task<AgentProcess> StartAsync(string data)
    {
        var agent = await AgentProcess.StartAsync(data, node.GrpcUrl, StoreSecret, RegisterId);
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count,
            "catalogue synced");
        return agent;
    }
}
