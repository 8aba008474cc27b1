using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The real agent against a real node: a return against another register's receipt found on the platform, and a shift
/// opened offline with a supervisor-approved discount, synced exactly once even when the acknowledgements are lost.
/// </summary>
public sealed class RegisterOfflineCounterTests
{
    [Fact]
    public async Task ReturnAgainstAnotherRegistersReceipt_RefundsWhatIsLeft_AndAnotherStoresReceiptIsRefused()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_lookup");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1", "R2"]);
        await admin.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = Store, RegisterId = "R2", ShiftId = "r2-shift", CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = 10_000 });
        await admin.Checkout.CompleteSaleAsync(new CompleteSaleRequest
        {
            StoreId = Store, RegisterId = "R2", SaleId = "sale-r2", Currency = Currency,
            Lines = { new SaleLine { Sku = "TEE", Quantity = 2 }, new SaleLine { Sku = "PEN", Quantity = 1 } },
            Tenders = { new Tender { Type = TenderType.Card, Amount = 4_148, CardToken = "tok_r2", CardBrand = "VISA", CardLast4 = "4242" } },
        });
        // One T-shirt already came back at R2.
        await admin.Checkout.ReturnItemsAsync(new ReturnItemsRequest
        {
            StoreId = Store, RegisterId = "R2", ReturnId = "ret-at-r2", OriginalSaleId = "sale-r2", Currency = Currency,
            Lines = { new ReturnLine { Sku = "TEE", Quantity = 1 } }, RefundTenders = { new Tender { Type = TenderType.Cash, Amount = 1_999 } },
        });
        await admin.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = OtherStore, RegisterId = "R1", ShiftId = "s2-shift", CashierId = Cashier, CashierPin = CashierPin });
        await admin.Checkout.CompleteSaleAsync(new CompleteSaleRequest
        {
            StoreId = OtherStore, RegisterId = "R1", SaleId = "sale-s2", Currency = Currency,
            Lines = { new SaleLine { Sku = "PEN", Quantity = 1 } }, Tenders = { new Tender { Type = TenderType.Cash, Amount = 150 } },
        });

        using var data = new TempDirectory();
        await using var agent = await StartSyncedAgentAsync(data.Path, node.GrpcUrl);
        var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

        // R1 finds R2's receipt by its printed number, with what R2 already took back.
        var found = await Eventually.UntilAsync(() => TryGetAsync(agent, token, "api/returns/sale/S1-R2-000001"), r => r.Status == HttpStatusCode.OK && Returnable(r.Body)["TEE"] == 1);
        Assert.Equal(("sale-r2", "R2", 4_148L), (found.Body.GetProperty("saleId").GetString(), found.Body.GetProperty("registerId").GetString(), found.Body.GetProperty("total").GetInt64()));
        Assert.Equal(new Dictionary<string, int> { ["TEE"] = 1, ["PEN"] = 1 }, Returnable(found.Body));

        var ret = new { returnId = "ret-at-r1", receipt = "S1-R2-000001", lines = new[] { new { sku = "TEE", quantity = 1 }, new { sku = "PEN", quantity = 1 } }, refundTo = "original" };
        var quote = await ReadOkAsync(await PostAsync(agent, token, "api/returns/quote", ret));
        Assert.Equal(2_149, quote.GetProperty("refundTotal").GetInt64());
        var refund = await ReadOkAsync(await PostAsync(agent, token, "api/returns", ret));
        Assert.Equal(("S1-R1-000001", 2_149L, false), (refund.GetProperty("receiptNumber").GetString(), refund.GetProperty("refundTotal").GetInt64(), refund.GetProperty("replayed").GetBoolean()));
        var tender = Assert.Single(refund.GetProperty("tenders").EnumerateArray());
        Assert.Equal(("card", 2_149L, "4242"), (tender.GetProperty("type").GetString(), tender.GetProperty("amount").GetInt64(), tender.GetProperty("cardLast4").GetString()));
        Assert.True((await ReadOkAsync(await PostAsync(agent, token, "api/returns", ret))).GetProperty("replayed").GetBoolean());

        // Scanning the receipt's code (the sale id) now shows nothing left; a further return is refused and refunds nothing.
        var after = await GetAsync(agent, token, "api/returns/sale/sale-r2");
        Assert.Equal(new Dictionary<string, int> { ["TEE"] = 0, ["PEN"] = 0 }, Returnable(after));
        var tooMany = await PostAsync(agent, token, "api/returns", new { returnId = "ret-more", receipt = "sale-r2", lines = new[] { new { sku = "TEE", quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);

        // Another store's receipt, by code or number, is refused; an unknown one is not found; a blank one is bad input.
        Assert.Equal(HttpStatusCode.Forbidden, (await TryGetAsync(agent, token, "api/returns/sale/sale-s2")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await TryGetAsync(agent, token, "api/returns/sale/S2-R1-000001")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(agent, token, "api/returns/quote", new { returnId = "x", receipt = "sale-s2", lines = new[] { new { sku = "PEN", quantity = 1 } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TryGetAsync(agent, token, "api/returns/sale/S1-R2-000042")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await TryGetAsync(agent, token, "api/returns/sale/" + new string('9', 65))).Status);

        var r2 = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R2" });
        var r1 = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((1, 1_999L), (r2.RefundsCount, r2.RefundsTotal));
        Assert.Equal((1, 2_149L, 10_000L), (r1.RefundsCount, r1.RefundsTotal, r1.ExpectedCash));
        var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["TEE"] == InitialStock && s["PEN"] == InitialStock);
        Assert.Equal((InitialStock, InitialStock), (stock["TEE"], stock["PEN"]));

        // Online, a discount above the cashier's limit is refused without a supervisor (nothing taken), then approved: 8.99 less 4.50.
        var basket = new { lines = new[] { new { sku = "MUG", quantity = 1, discountBasisPoints = 5000 } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(agent, token, "api/sales", new { saleId = "half-off-1", basket, tenders = new[] { Cash(450) } })).StatusCode);
        var approved = await SellAsync(agent, token, new { saleId = "half-off-2", basket, tenders = new[] { Cash(450) }, supervisorId = Supervisor, supervisorPin = SupervisorPin });
        Assert.Equal(("online", "S1-R1-000002", 449L), (approved.GetProperty("mode").GetString(), approved.GetProperty("receiptNumber").GetString(), approved.GetProperty("total").GetInt64()));
        Assert.Equal(Supervisor, (await Eventually.UntilAsync(() => TryFindAsync(admin, "half-off-2"), r => r is not null))!.ApprovedBy);
    }

    [Fact]
    public async Task ShiftOpenedOffline_WithASupervisorApprovedDiscount_SyncsOnce_EvenWhenTheAcknowledgementsAreLost()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_offline_shift");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        using var data = new TempDirectory();
        using var lostAcks = new TempDirectory();
        var agent = await StartSyncedAgentAsync(data.Path, node.GrpcUrl);
        try
        {
            await node.StopAsync();
            await agent.WaitUntilAsync(s => !s.GetProperty("online").GetBoolean(), "the link down");

            // The shift opens offline against the cached PIN verifiers; a wrong PIN or bad float opens nothing.
            Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.PostAsJsonAsync("api/signin", new { employeeId = Cashier, pin = "0000", openingFloat = 5_000 })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.PostAsJsonAsync("api/signin", new { employeeId = Cashier, pin = CashierPin, openingFloat = -1 })).StatusCode);
            Assert.Equal(JsonValueKind.Null, (await agent.StatusAsync()).GetProperty("shift").ValueKind);
            var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 5_000);
            var unreachable = await TryGetAsync(agent, token, "api/returns/sale/S1-R2-000001");
            Assert.Equal(HttpStatusCode.NotFound, unreachable.Status);
            Assert.Contains("cannot be reached", unreachable.Body.GetProperty("error").GetString(), StringComparison.Ordinal);
            var status = await agent.StatusAsync();
            var shiftId = status.GetProperty("shift").GetProperty("shiftId").GetString()!;
            Assert.Equal(1, status.GetProperty("backlog").GetProperty("sales").GetInt64());

            // 20 % off a line is above the cashier's 10 % limit: a supervisor approves it offline (checked against the cached hash).
            var basket = new { lines = new[] { new { sku = "TEE", quantity = 1, discountBasisPoints = 2000 } } };
            object Discounted(string saleId, string? supervisorId = null, string? supervisorPin = null) =>
                new { saleId, basket, tenders = new[] { Cash(2_000) }, supervisorId, supervisorPin };
            var none = await PostAsync(agent, token, "api/sales", Discounted("disc-1"));
            Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
            Assert.Contains("supervisor", await none.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(agent, token, "api/sales", Discounted("disc-2", Supervisor, "1111"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(agent, token, "api/sales", Discounted("disc-3", Cashier, CashierPin))).StatusCode);
            var sale = await SellAsync(agent, token, Discounted("disc-4", Supervisor, SupervisorPin));
            Assert.Equal("offline", sale.GetProperty("mode").GetString());
            var total = sale.GetProperty("total").GetInt64();
            Assert.Equal(1_599, total); // 19.99 less 20 % (4.00)
            Assert.Equal(2, (await agent.StatusAsync()).GetProperty("backlog").GetProperty("sales").GetInt64());

            // Power cut. A copy of the journal as it is now stands for an agent whose acknowledgements never arrived.
            agent.Kill();
            CopyDirectory(data.Path, lostAcks.Path);
            await node.StartAsync();
            await agent.DisposeAsync();
            agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
            await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the shift and the sale synced");
            await AssertAppliedOnceAsync(admin, shiftId, total);

            // The journal without the acknowledgements sends both again: the platform applies neither twice.
            agent.Kill();
            await agent.DisposeAsync();
            agent = await AgentProcess.StartAsync(lostAcks.Path, node.GrpcUrl, StoreSecret, "R1");
            var resent = await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the resend acknowledged");
            Assert.Equal(0, resent.GetProperty("backlog").GetProperty("rejected").GetInt64());
            await AssertAppliedOnceAsync(admin, shiftId, total);
            var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["TEE"] == InitialStock - 1);
            Assert.Equal(InitialStock - 1, stock["TEE"]);
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    private static async Task AssertAppliedOnceAsync(Clients admin, string shiftId, long total)
    {
        var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
        Assert.Equal((shiftId, Cashier, 5_000L, 1, total, 5_000L + total), (x.ShiftId, x.CashierId, x.OpeningFloat, x.SalesCount, x.SalesTotal, x.ExpectedCash));
        var record = await Eventually.UntilAsync(() => TryFindAsync(admin, "S1-R1-000001"), r => r is not null);
        Assert.Equal(("disc-4", Supervisor, total), (record!.Receipt.SaleId, record.ApprovedBy, record.Receipt.Total));
    }

    private static async Task<FindSaleByReceiptResponse?> TryFindAsync(Clients clients, string receipt)
    {
        try
        {
            return await clients.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = Store, Receipt = receipt });
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            return null;
        }
    }

    private static Dictionary<string, int> Returnable(JsonElement sale) =>
        sale.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("sku").GetString()!, l => l.GetProperty("returnable").GetInt32());

    private static async Task<(HttpStatusCode Status, JsonElement Body)> TryGetAsync(AgentProcess agent, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Session", token);
        using var response = await agent.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static Task<AgentProcess> StartSyncedAgentAsync(string data, string grpcUrl) =>
        AgentProcess.StartSyncedAsync(data, grpcUrl, "R1", Products.Count);

    private static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return body;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
