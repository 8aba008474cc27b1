using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The real agent against a real node: a customer enrolled at the till (bad input and a retry enrol nothing more, offline it is
/// refused), then sold to with scale labels (price-embedded EAN-13) online and offline; the platform has the label prices.
/// </summary>
public sealed class AgentEnrolAndLabelTests
{
    /// <summary>Cheese is sold by scale label: item 2112345, listed on the product with price 00000.</summary>
    internal static readonly Product Cheese = Product("CHEESE", "Cheese by weight", 1500, "reduced", "2112345000008");

    [Fact]
    public async Task EnrolAtTheTill_ThenSellScaleLabels_OnlineAndOffline_PlatformHasTheLabelPrices()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_enrol");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        await admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "seed-cheese", Products = { Cheese } });
        using var data = new TempDirectory();
        await using var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count + 1, "catalogue synced");
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

        // Bad input: 400 with the reason, and nothing enrolled.
        await ExpectErrorAsync(agent, token, new { customerId = "C-NEW-1", displayName = "  " }, HttpStatusCode.BadRequest, "Enter the customer's name (1-80 characters).");
        await ExpectErrorAsync(agent, token, new { customerId = "C-NEW-1", displayName = "Grace", email = "grace-at-example" }, HttpStatusCode.BadRequest,
            "'grace-at-example' is not an e-mail address (name@example.com); correct it or leave it empty.");
        await ExpectErrorAsync(agent, token, new { customerId = "C NEW 1", displayName = "Grace" }, HttpStatusCode.BadRequest,
            "The customer id (card number) must be 1-64 letters, digits, '.', '_', ':' or '-'.");
        var none = await Assert.ThrowsAsync<RpcException>(async () => await admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = "C-NEW-1" }));
        Assert.Equal(StatusCode.NotFound, none.StatusCode);

        // Enrolled, and a retry (a lost answer, a double tap) is the same account; someone else's id is refused.
        var enrol = new { customerId = "C-NEW-1", displayName = "Grace", email = "grace@example.com" };
        var first = await EnrolAsync(agent, token, enrol);
        var again = await EnrolAsync(agent, token, enrol);
        Assert.Equal(("C-NEW-1", "Grace", 0L), (first.GetProperty("customerId").GetString(), first.GetProperty("displayName").GetString(), first.GetProperty("availablePoints").GetInt64()));
        Assert.Equal(first.ToString(), again.ToString());
        await ExpectErrorAsync(agent, token, new { customerId = Customer, displayName = "Mallory" }, HttpStatusCode.Conflict,
            $"Customer id '{Customer}' already belongs to another customer; nothing was enrolled. Use a new card or id.");
        var account = await admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = "C-NEW-1" });
        Assert.Equal(("Grace", 0L), (account.DisplayName, account.Points));

        // Scale labels resolve to their product and price; a misread check digit is refused.
        var label = await GetAsync(agent, token, "api/products/scan/2112345002507");
        Assert.Equal(("CHEESE", 250L, "2112345002507"), (label.GetProperty("sku").GetString(), label.GetProperty("embeddedPrice").GetInt64(), label.GetProperty("barcode").GetString()));
        var misread = await GetResponseAsync(agent, token, "api/products/scan/2112345002508");
        Assert.Equal(HttpStatusCode.BadRequest, misread.StatusCode);
        Assert.Equal("Barcode '2112345002508' has a wrong check digit (expected 7): scan it again or type the SKU.", await ErrorAsync(misread));

        var online = await SellAsync(agent, token, LabelSale("label-1", ["2112345002507", "2112345012346"], ("PEN", 1), 2_000, "C-NEW-1"));
        Assert.Equal(("online", 250L + 1_234 + 150), (online.GetProperty("mode").GetString(), online.GetProperty("total").GetInt64()));

        await node.StopAsync();
        await ExpectErrorAsync(agent, token, new { customerId = "C-NEW-2", displayName = "Heidi" }, HttpStatusCode.ServiceUnavailable,
            "Enrolling a customer needs the link to the platform, which cannot be reached right now. Nothing was enrolled; try again when the register is online.");
        var offline = await SellAsync(agent, token, LabelSale("label-2", ["2112345003993"], ("PEN", 2), 1_000, "C-NEW-1"));
        Assert.Equal(("offline", 399L + 300), (offline.GetProperty("mode").GetString(), offline.GetProperty("total").GetInt64()));

        await node.StartAsync();
        await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the offline sale synced");
        var never = await Assert.ThrowsAsync<RpcException>(async () => await admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = "C-NEW-2" }));
        Assert.Equal(StatusCode.NotFound, never.StatusCode);
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((2, 1_634L + 699), (x.SalesCount, x.SalesTotal));
        var rule = new LoyaltyRule(10, 1, 50_000, 200_000);
        var points = LoyaltyRules.PointsEarned(1_634, 2, rule) + LoyaltyRules.PointsEarned(699, 2, rule);
        var grace = await Eventually.UntilAsync(
            () => admin.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = "C-NEW-1" }).ResponseAsync, a => a.Points == points);
        Assert.Equal(points, grace.Points);
        // The outbox delivered the points, so the offline sale's record is there, at the label's price.
        var synced = await admin.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = "S1-R1-000002" });
        Assert.Equal([("CHEESE", 399L), ("PEN", 150L)], synced.Receipt.Lines.Select(l => (l.Sku, l.UnitPrice)));
    }

    private static object LabelSale(string saleId, string[] labels, (string Sku, int Quantity) line, long cash, string customerId) => new
    {
        saleId,
        basket = new
        {
            lines = labels.Select(b => (object)new { sku = "CHEESE", quantity = 1, barcode = b }).Append(new { sku = line.Sku, quantity = line.Quantity }),
            customerId,
        },
        tenders = new[] { Cash(cash) },
    };

    private static async Task<JsonElement> EnrolAsync(AgentProcess agent, string token, object body)
    {
        var response = await PostAsync(agent, token, "api/customers", body);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"enrol failed: {(int)response.StatusCode} {answer}\n{agent.Output}");
        return answer;
    }

    private static async Task ExpectErrorAsync(AgentProcess agent, string token, object body, HttpStatusCode status, string error)
    {
        var response = await PostAsync(agent, token, "api/customers", body);
        Assert.Equal((status, error), (response.StatusCode, await ErrorAsync(response)));
    }

    private static async Task<HttpResponseMessage> GetResponseAsync(AgentProcess agent, string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Session", token);
        return await agent.Http.SendAsync(request);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
}
