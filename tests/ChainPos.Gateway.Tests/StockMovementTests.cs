using ChainPos.Api.V1;
using ChainPos.TestSupport;
using System.Net;
using System.Text.Json;
using Grpc.Core;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Movement history over gRPC, at S2 (no other test sells or books P09 or P08 there).</summary>
[Collection(GatewayCollection.Name)]
public sealed class StockMovementTests(GatewayFixture fixture)
{
    private readonly Clients _s2 = fixture.S2Agent;

    [Fact]
    public async Task GetStockMovements_AfterReceiveSaleTransferCount_ExactHistoryNewestFirst()
    {
        await _s2.Stock.ReceiveStockAsync(Op("P09", "mv-receive", 50, "delivery 1"));
        await Till.OpenShiftAsync(_s2, "R1", storeId: S2);
        await _s2.Checkout.CompleteSaleAsync(Till.Sale("R1", "mv-sale-1", [Till.Line("P09", 3)], [Till.Cash(2700)], storeId: S2));
        await TestSupport.Eventually.UntilAsync(() => Movements(_s2, S2, "P09"), r => r.Total == 2);
        await _s2.Stock.TransferStockAsync(new TransferStockRequest
        {
            FromLocationId = S2, ToLocationId = "WH2", Sku = "P09", OperationId = "mv-transfer", Quantity = 7, Reason = "rebalance",
        });
        await _s2.Stock.CountStockAsync(Op("P09", "mv-count", 38, "stock take"));

        var history = await Movements(_s2, S2, "P09");
        Assert.Equal(4, history.Total);
        Assert.Equal(
            [
                (StockMovementKind.Count, -2L, 38L, "mv-count"),
                (StockMovementKind.TransferOut, -7L, 40L, "mv-transfer"),
                (StockMovementKind.Sale, -3L, 47L, "mv-sale-1"),
                (StockMovementKind.Receive, 50L, 50L, "mv-receive"),
            ],
            history.Movements.Select(m => (m.Kind, m.Quantity, m.OnHandAfter, m.Reference)));
        Assert.True(history.Movements.Zip(history.Movements.Skip(1)).All(p => p.First.At.ToDateTimeOffset() >= p.Second.At.ToDateTimeOffset()));

        var warehouse = await Movements(fixture.Admin, "WH2", "P09");
        var transferIn = Assert.Single(warehouse.Movements);
        Assert.Equal((StockMovementKind.TransferIn, 7L, 7L, "mv-transfer"), (transferIn.Kind, transferIn.Quantity, transferIn.OnHandAfter, transferIn.Reference));

        var page = await _s2.Stock.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S2, Sku = "P09", Skip = 1, Limit = 2 });
        Assert.Equal(["mv-transfer", "mv-sale-1"], page.Movements.Select(m => m.Reference));
    }

    [Fact]
    public async Task GetStockMovements_ManyChanges_KeepTheNewestPagesInOrderWithNoGapAcrossPages()
    {
        // 621 movements: far more than the state's tail, so most of them were moved out into pages, and the oldest
        // pages were overwritten (16 slots of 32). Movement i has reference mv-bound-i and leaves on hand at i + 1.
        const int made = 621;
        await _s2.Stock.ReceiveStockAsync(Op("P08", "mv-bound-0", 1, "first"));
        for (var i = 1; i < made; i++)
        {
            await _s2.Stock.AdjustStockAsync(Op("P08", $"mv-bound-{i}", 1, "found"));
        }

        var newest = await _s2.Stock.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S2, Sku = "P08", Limit = 500 });
        Assert.Equal(500, newest.Movements.Count);
        Assert.Equal(Enumerable.Range(made - 500, 500).Reverse().Select(i => ($"mv-bound-{i}", i + 1L)), newest.Movements.Select(m => (m.Reference, m.OnHandAfter)));
        Assert.InRange(newest.Total, 512, made - 32);

        // The oldest kept movement, read once the last page has moved out (the total then stays put).
        var oldest = await Eventually.UntilAsync(
            async () =>
            {
                var total = (await _s2.Stock.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S2, Sku = "P08", Limit = 1 })).Total;
                var last = await _s2.Stock.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S2, Sku = "P08", Skip = total - 2, Limit = 10 });
                return (total, last);
            },
            r => r.last.Total == r.total);
        Assert.Equal([$"mv-bound-{made - oldest.total + 1}", $"mv-bound-{made - oldest.total}"], oldest.last.Movements.Select(m => m.Reference));
    }

    [Fact]
    public async Task GetStockMovements_BadInput_ClearStatus()
    {
        var admin = fixture.Admin.Stock;
        var unknownSku = await Expect.StatusAsync(StatusCode.NotFound, admin.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S1, Sku = "NO-SUCH" }));
        Assert.Contains("NO-SUCH", unknownSku.Status.Detail, StringComparison.Ordinal);
        var unknownLocation = await Expect.StatusAsync(StatusCode.NotFound, admin.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = "NOWHERE", Sku = "TEE" }));
        Assert.Contains("NOWHERE", unknownLocation.Status.Detail, StringComparison.Ordinal);
        var negative = await Expect.StatusAsync(StatusCode.InvalidArgument, admin.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S1, Sku = "TEE", Limit = -1 }));
        Assert.Contains("-1", negative.Status.Detail, StringComparison.Ordinal);
        await Expect.StatusAsync(StatusCode.InvalidArgument, admin.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S1, Sku = "TEE", Skip = -5 }));
        await Expect.StatusAsync(StatusCode.InvalidArgument, admin.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S1, Sku = "TEE", Limit = 501 }));
    }

    [Fact]
    public async Task GetStockMovements_OtherStoresCredential_PermissionDenied()
    {
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Stock.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S2, Sku = "P09" }));
        await Expect.StatusAsync(StatusCode.Unauthenticated, fixture.Anonymous.Stock.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S1, Sku = "TEE" }));
        var own = await fixture.S1Agent.Stock.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = S1, Sku = "CAP" });
        Assert.Equal(("seed-CAP", 100L), (own.Movements[^1].Reference, own.Movements[^1].Quantity));
    }

    [Fact]
    public async Task BackofficeApi_MovementsAndLowStock_SameRulesAsGrpc()
    {
        using var http = new HttpClient { BaseAddress = fixture.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", S1Secret);
        var own = await http.GetAsync(new Uri("/backoffice/api/stores/S1/movements?sku=NOTE&limit=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var json = JsonDocument.Parse(await own.Content.ReadAsStringAsync());
        var newest = Assert.Single(json.RootElement.GetProperty("movements").EnumerateArray());
        Assert.Equal(("Receive", "seed-NOTE"), (newest.GetProperty("kind").GetString(), newest.GetProperty("reference").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(new Uri("/backoffice/api/stores/S2/low-stock", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(new Uri("/backoffice/api/stores/S1/movements?sku=NOTE&limit=-1", UriKind.Relative))).StatusCode);
    }

    private static Task<GetStockMovementsResponse> Movements(Clients clients, string location, string sku) =>
        clients.Stock.GetStockMovementsAsync(new GetStockMovementsRequest { LocationId = location, Sku = sku }).ResponseAsync;

    private static StockOperationRequest Op(string sku, string operationId, long quantity, string reason) =>
        new() { LocationId = S2, Sku = sku, OperationId = operationId, Quantity = quantity, Reason = reason };
}
