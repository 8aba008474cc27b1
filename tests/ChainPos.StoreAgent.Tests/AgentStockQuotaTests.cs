using System.Net;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.StoreAgent.Tests.Chain;
using static ChainPos.StoreAgent.Tests.Register;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The real agent process against a real node on PostgreSQL: the agent learns the store's limited SKUs and leases a quota
/// of each online (an online sale uses it up locally too), the link is cut, a limited SKU sells up to what is left and a
/// line beyond it — or of a limited SKU without a quota — is refused with the reason and nothing journaled, what was used
/// survives a SIGKILL of the agent, the link returns, every sale syncs once, on hand is exact and the lease is consumed and
/// replaced.
/// </summary>
public sealed class AgentStockQuotaTests
{
    [Fact]
    public async Task QuotaLeasedOnline_SoldOfflineWithinIt_RefusedBeyondOrWithoutOne_ConsumedOnceAfterSync()
    {
        await using var node = await NodeHost.StartOnNewDatabaseAsync("agent_quota");
        var (channel, admin) = node.Connect();
        using var _ = channel;
        await SeedAsync(admin, ["R1"]);
        await admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "TEE", OfflineQuota = 3 });
        // Limited, but nothing available to lease (all of it is safety stock): the register holds no quota of it.
        await admin.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = Store, Sku = "MUG", SafetyStock = InitialStock, OfflineQuota = 2 });
        using var data = new TempDirectory();
        var agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
        try
        {
            // The quota and the catalogue sync independently: wait for both before the first sale prices TEE locally.
            var up = await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == Products.Count
                && TryQuota(s, "TEE")?.GetProperty("left").GetInt64() == 3, "the catalogue synced and the TEE quota leased");
            var lease = Quota(up, "TEE").GetProperty("leaseId").GetString()!;
            Assert.Equal((2L, JsonValueKind.Null, 0L), (Quota(up, "MUG").GetProperty("offlineQuota").GetInt64(), Quota(up, "MUG").GetProperty("leaseId").ValueKind,
                Quota(up, "MUG").GetProperty("left").GetInt64()));
            Assert.Equal(2, up.GetProperty("quotas").GetArrayLength()); // unlimited SKUs are not listed
            Assert.Equal((3L, 97L), await ReservedAvailableAsync(admin, "TEE")); // held out of what web orders may take
            var token = await SignInAsync(agent, Cashier, CashierPin, openingFloat: 10_000);

            // Online: the sale uses the quota locally too (the platform consumes the lease for it as well).
            Assert.Equal("online", (await SellAsync(agent, token, Sale("q-on-1", [("TEE", 1)], [Cash(1_999)]))).GetProperty("mode").GetString());
            Assert.Equal(2, Quota(await agent.StatusAsync(), "TEE").GetProperty("left").GetInt64());

            await node.StopAsync(); // the store's link is down
            Assert.Equal("offline", (await SellAsync(agent, token, Sale("q-off-1", [("TEE", 1), ("APPLE", 1)], [Cash(2_348)]))).GetProperty("mode").GetString());
            await ExpectRefusedAsync(agent, token, Sale("q-off-2", [("PEN", 1), ("TEE", 2)], [Cash(4_148)]),
                "offline: only 1 of SKU 'TEE' can be sold at this register until the link returns");
            await ExpectRefusedAsync(agent, token, Sale("q-off-3", [("MUG", 1)], [Cash(899)]),
                "offline: SKU 'MUG' is limited and this register holds no quota of it");
            Assert.Equal("offline", (await SellAsync(agent, token, Sale("q-off-4", [("TEE", 1)], [Cash(1_999)]))).GetProperty("mode").GetString());
            Assert.Equal("offline", (await SellAsync(agent, token, Sale("q-off-5", [("APPLE", 2)], [Cash(698)]))).GetProperty("mode").GetString()); // unlimited: as before
            await ExpectRefusedAsync(agent, token, Sale("q-off-6", [("TEE", 1)], [Card(1_999)]),
                "offline: the quota of SKU 'TEE' at this register is used up; it cannot be sold until the link returns.");
            var down = await agent.StatusAsync();
            Assert.Equal((3L, 0L), (down.GetProperty("backlog").GetProperty("sales").GetInt64(), Quota(down, "TEE").GetProperty("left").GetInt64()));
            var journal = (await GetAsync(agent, token, "api/sales?limit=50")).EnumerateArray().Select(e => e.GetProperty("saleId").GetString()).ToHashSet();
            Assert.Equal(["q-off-1", "q-off-4", "q-off-5", "q-on-1"], journal.Order(StringComparer.Ordinal)); // nothing refused was journaled

            // Killed and started again while the link is down: the units used are durable with the sales.
            agent.Kill();
            await agent.DisposeAsync();
            agent = await AgentProcess.StartAsync(data.Path, node.GrpcUrl, StoreSecret, "R1");
            var restarted = await agent.StatusAsync();
            Assert.Equal((3L, 0L, 3L), (restarted.GetProperty("backlog").GetProperty("sales").GetInt64(), Quota(restarted, "TEE").GetProperty("left").GetInt64(),
                Quota(restarted, "TEE").GetProperty("used").GetInt64()));
            token = await SignInAsync(agent, Cashier, CashierPin); // offline, against the cached PIN
            await ExpectRefusedAsync(agent, token, Sale("q-off-7", [("TEE", 1)], [Cash(1_999)]), "offline: the quota of SKU 'TEE' at this register is used up");

            await node.StartAsync(); // the link is back
            await agent.WaitUntilAsync(s => s.GetProperty("online").GetBoolean() && s.GetProperty("backlog").GetProperty("sales").GetInt64() == 0, "the backlog synced");
            var sales = (await GetAsync(agent, token, "api/sales?limit=50")).EnumerateArray().ToList();
            Assert.All(sales, e => Assert.Equal("synced", e.GetProperty("mode").GetString()));
            var x = await admin.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = "R1" });
            Assert.Equal((4, 1_999L + 2_348 + 1_999 + 698), (x.SalesCount, x.SalesTotal)); // each sale once
            var stock = await Eventually.UntilAsync(() => StockAsync(admin), s => s["APPLE"] == InitialStock - 3);
            Assert.Equal((InitialStock - 3, InitialStock - 3, InitialStock, InitialStock), (stock["TEE"], stock["APPLE"], stock["MUG"], stock["PEN"]));

            // The lease: 3 granted, 3 sold by this register's synced sales; the agent gives it back used up and leases afresh.
            var renewed = await agent.WaitUntilAsync(s => TryQuota(s, "TEE") is { } q && q.GetProperty("leaseId").GetString() is { } id && id != lease && q.GetProperty("left").GetInt64() == 3,
                "the used-up quota replaced");
            var old = await admin.Sync.ReturnStockQuotaAsync(new StockQuotaRequest { StoreId = Store, RegisterId = "R1", LeaseId = lease, Sku = "TEE" });
            Assert.Equal((3L, 3L, 0L, "RETURNED"), (old.Granted, old.Sold, old.Remaining, old.Status));
            Assert.Equal((3L, InitialStock - 3 - 3), await ReservedAvailableAsync(admin, "TEE"));
            Assert.Equal(0, Quota(renewed, "TEE").GetProperty("used").GetInt64());
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    private static JsonElement Quota(JsonElement status, string sku) =>
        status.GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("sku").GetString() == sku);

    /// <summary>For waits: the status may come before the agent has synced the store's limited SKUs.</summary>
    private static JsonElement? TryQuota(JsonElement status, string sku) =>
        status.GetProperty("quotas").EnumerateArray().Where(q => q.GetProperty("sku").GetString() == sku).Cast<JsonElement?>().SingleOrDefault();

    private static async Task<(long Reserved, long Available)> ReservedAvailableAsync(Clients admin, string sku)
    {
        var level = (await admin.Stock.GetStockAsync(new GetStockRequest { LocationId = Store, Skus = { sku } })).Levels[0];
        return (level.Reserved, level.Available);
    }

    private static async Task ExpectRefusedAsync(AgentProcess agent, string token, object sale, string reason)
    {
        var response = await PostAsync(agent, token, "api/sales", sale);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, body);
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }
}
