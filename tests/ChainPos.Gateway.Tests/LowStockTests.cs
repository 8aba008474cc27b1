using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>The low-stock list and draft purchase order over gRPC, at S2 (only this class sets policies there).</summary>
[Collection(GatewayCollection.Name)]
public sealed class LowStockTests(GatewayFixture fixture)
{
    private readonly Clients _s2 = fixture.S2Agent;

    [Fact]
    public async Task GetLowStock_BelowReorderPointThenReceived_ExactSuggestionsAndDraft()
    {
        await _s2.Stock.ReceiveStockAsync(Op("P11", "low-receive-1", 30));
        await _s2.Stock.ReceiveStockAsync(Op("P10", "low-receive-2", 5));
        var policy = await _s2.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = S2, Sku = "P11", ReorderPoint = 10, TargetLevel = 40 });
        Assert.Equal(40, policy.TargetLevel);
        await _s2.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = S2, Sku = "P10", ReorderPoint = 5 });
        var onlyP10 = await LowAsync(r => r.Items.Count == 1);
        Assert.Equal(["P10"], onlyP10.Items.Select(i => i.Sku));

        await Till.OpenShiftAsync(_s2, "R2", storeId: S2);
        await _s2.Checkout.CompleteSaleAsync(Till.Sale("R2", "low-sale-1", [Till.Line("P11", 22)], [Till.Cash(24_200)], storeId: S2));

        var low = await LowAsync(r => r.Items.Count == 2);
        Assert.Equal(
            [("P10", "Item 10", 5L, 5L, 10L, 5L), ("P11", "Item 11", 8L, 10L, 40L, 32L)],
            low.Items.Select(i => (i.Sku, i.Name, i.OnHand, i.ReorderPoint, i.TargetLevel, i.SuggestedQuantity)));
        var draft = Assert.Single(low.Drafts);
        Assert.Equal((S2, "", 37L, 2), (draft.StoreId, draft.Supplier, draft.TotalUnits, draft.Lines.Count));

        await _s2.Stock.ReceiveStockAsync(Op("P11", "low-receive-3", 32));
        var after = await LowAsync(r => r.Items.Count == 1);
        Assert.Equal(["P10"], after.Items.Select(i => i.Sku));
        Assert.Equal(5, Assert.Single(after.Drafts).TotalUnits);
    }

    [Fact]
    public async Task GetLowStock_UnknownStoreOrOtherStore_ClearStatus()
    {
        var unknown = await Expect.StatusAsync(StatusCode.NotFound, fixture.Admin.Stock.GetLowStockAsync(new GetLowStockRequest { StoreId = "S404" }));
        Assert.Contains("S404", unknown.Status.Detail, StringComparison.Ordinal);
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Stock.GetLowStockAsync(new GetLowStockRequest { StoreId = S2 }));
        await Expect.StatusAsync(StatusCode.InvalidArgument, _s2.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = S2, Sku = "P07", ReorderPoint = 10, TargetLevel = 10 }));
    }

    private Task<LowStockReport> LowAsync(Func<LowStockReport, bool> done) =>
        Eventually.UntilAsync(() => _s2.Stock.GetLowStockAsync(new GetLowStockRequest { StoreId = S2 }).ResponseAsync, done);

    private static StockOperationRequest Op(string sku, string operationId, long quantity) =>
        new() { LocationId = S2, Sku = sku, OperationId = operationId, Quantity = quantity, Reason = "delivery" };
}
