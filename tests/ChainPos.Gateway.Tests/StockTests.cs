using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class StockTests(GatewayFixture fixture)
{
    [Fact]
    public async Task StockOperations_ReceiveAdjustCountTransferPolicy_ExactLevels()
    {
        var stock = fixture.S1Agent.Stock;
        var received = await stock.ReceiveStockAsync(Op("P05", "st-receive", 20, "delivery 4711"));
        Assert.Equal((S1, "P05", InitialStock + 20, false), (received.LocationId, received.Sku, received.OnHand, received.Negative));
        Assert.Equal(InitialStock + 20, (await stock.ReceiveStockAsync(Op("P05", "st-receive", 20, "delivery 4711"))).OnHand);

        Assert.Equal(InitialStock + 17, (await stock.AdjustStockAsync(Op("P05", "st-adjust", -3, "damaged"))).OnHand);
        Assert.Equal(110, (await stock.CountStockAsync(Op("P05", "st-count", 110, "stock take"))).OnHand);

        var policy = await stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = S1, Sku = "P05", SafetyStock = 5, ReorderPoint = 20 });
        Assert.Equal((110L, 0L, 5L, 105L, 20L), (policy.OnHand, policy.Reserved, policy.SafetyStock, policy.Available, policy.ReorderPoint));

        var moved = await stock.TransferStockAsync(new TransferStockRequest { FromLocationId = S1, ToLocationId = "WH1", Sku = "P05", OperationId = "st-transfer", Quantity = 10, Reason = "rebalance" });
        Assert.Equal((S1, 100L, "WH1", 10L), (moved.From.LocationId, moved.From.OnHand, moved.To.LocationId, moved.To.OnHand));
        var warehouse = await fixture.Admin.Stock.GetStockAsync(new GetStockRequest { LocationId = "WH1", Skus = { "P05" } });
        Assert.Equal(10, Assert.Single(warehouse.Levels).OnHand);
    }

    [Fact]
    public async Task ReceiveStock_UnknownSku_NotFound()
    {
        await Expect.StatusAsync(StatusCode.NotFound, fixture.S1Agent.Stock.ReceiveStockAsync(Op("NO-SUCH", "st-unknown", 1, "delivery")));
    }

    [Fact]
    public async Task ReceiveStock_QuantityZero_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Stock.ReceiveStockAsync(Op("P06", "st-zero", 0, "delivery")));
    }

    [Fact]
    public async Task AdjustStock_NoReason_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Stock.AdjustStockAsync(Op("P06", "st-no-reason", -1, "")));
    }

    [Fact]
    public async Task CountStock_Negative_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Stock.CountStockAsync(Op("P06", "st-count-neg", -1, "count")));
    }

    [Fact]
    public async Task TransferStock_SameLocation_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Stock.TransferStockAsync(new TransferStockRequest
        {
            FromLocationId = S1, ToLocationId = S1, Sku = "P06", OperationId = "st-same", Quantity = 1,
        }));
    }

    [Fact]
    public async Task SetStockPolicy_Negative_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Stock.SetStockPolicyAsync(new SetStockPolicyRequest { LocationId = S1, Sku = "P06", SafetyStock = -1 }));
    }

    [Fact]
    public async Task GetStock_NoSkus_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Stock.GetStockAsync(new GetStockRequest { LocationId = S1 }));
    }

    private static StockOperationRequest Op(string sku, string operationId, long quantity, string reason) =>
        new() { LocationId = S1, Sku = sku, OperationId = operationId, Quantity = quantity, Reason = reason };
}
