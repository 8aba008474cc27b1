using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Domain;

namespace ChainPos.Grains.Tests;

/// <summary>
/// Sale records are inserted by the register's delivery straight into the record grain's row, without activating it;
/// the grain must still see them, and an id two registers used must keep the first sale's record.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SaleRecordTests(ClusterFixture fixture)
{
    private async Task<(string Store, string Sku)> StoreAsync()
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("sr"));
        var sku = "S-" + store;
        await fixture.AddProductsAsync(store, 100, (sku, 400));
        foreach (var register in new[] { "R1", "R2" })
        {
            await Register(store, register).OpenShiftAsync(new OpenShiftCommand("shift-" + register, "cashier", "1234", 10_000));
        }

        return (store, sku);
    }

    private IRegisterGrain Register(string store, string register) => fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(store, register));

    private ISaleRecordGrain Record(string saleId) => fixture.Grains.GetGrain<ISaleRecordGrain>(GrainKeys.Sale(saleId));

    private static CompleteSaleCommand Sale(string saleId, string sku) => new(
        saleId, ClusterFixture.Currency, [new SaleLineSpec(sku, 1)], [new TenderSpec(TenderType.Cash, 400)],
        OccurredAt: ClusterFixture.Time.GetUtcNow());

    [Fact]
    public async Task Record_LookedUpBeforeItsSaleWasDelivered_IsFoundAfterwards()
    {
        var (store, sku) = await StoreAsync();
        var saleId = ClusterFixture.NewId("sale");
        Assert.Null(await Record(saleId).GetAsync()); // activates the record grain with no sale in it

        await Register(store, "R1").CompleteSaleAsync(Sale(saleId, sku));
        Assert.Equal(0, await Register(store, "R1").FlushOutboxAsync());

        var found = await Record(saleId).GetAsync();
        Assert.NotNull(found);
        Assert.Equal((store, "R1", 400L), (found.Sale.StoreId, found.Sale.RegisterId, found.Sale.Receipt.Total));
    }

    [Fact]
    public async Task SaleId_UsedOnTwoRegisters_KeepsTheFirstRecord_AndTheSecondRegisterDoesNotClaimIt()
    {
        var (store, sku) = await StoreAsync();
        var saleId = ClusterFixture.NewId("dup");
        await Register(store, "R1").CompleteSaleAsync(Sale(saleId, sku));
        Assert.Equal(0, await Register(store, "R1").FlushOutboxAsync());

        // R2 has never seen the id: it commits the sale, but its record cannot replace R1's (the collision is logged),
        // and its other effects are still delivered.
        await Register(store, "R2").CompleteSaleAsync(Sale(saleId, sku));
        Assert.Equal(0, await Register(store, "R2").FlushOutboxAsync());

        var record = await Record(saleId).GetAsync();
        Assert.Equal("R1", record!.Sale.RegisterId);
        var replay = await Assert.ThrowsAsync<PosException>(() => Register(store, "R2").CompleteSaleAsync(Sale(saleId, sku)));
        Assert.Equal(ErrorCode.AlreadyExists, replay.Code);
    }
}
