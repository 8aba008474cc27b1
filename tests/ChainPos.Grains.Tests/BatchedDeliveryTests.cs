using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Stock;
using ChainPos.Abstractions.Stores;

namespace ChainPos.Grains.Tests;

/// <summary>
/// The checkout hot path: stock takes many transactions' deltas per call (de-duplicated per sequence, whatever the
/// batch boundaries), interleaved calls share writes, and a register delivers many sales per batch exactly once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BatchedDeliveryTests(ClusterFixture fixture)
{
    private ISkuStockGrain Stock(string location, string sku) => fixture.Grains.GetGrain<ISkuStockGrain>(GrainKeys.Stock(location, sku));

    private static SequencedStockDelta[] Deltas(params (long Sequence, long Quantity)[] deltas) =>
        [.. deltas.Select(d => new SequencedStockDelta(d.Sequence, d.Quantity))];

    [Fact]
    public async Task ApplyDeltas_OverlappingBatches_EachSequenceAppliedOnce()
    {
        var location = ClusterFixture.NewId("loc");
        var stock = Stock(location, "SKU-1");

        Assert.Equal(3, await stock.ApplyDeltasAsync("S/R1", Deltas((1, -1), (2, -2), (3, -3))));
        // Re-sent after a crash with different boundaries: only 4 and 5 are new.
        Assert.Equal(2, await stock.ApplyDeltasAsync("S/R1", Deltas((2, -2), (3, -3), (4, -4), (5, -5))));
        Assert.Equal(0, await stock.ApplyDeltasAsync("S/R1", Deltas((1, -1), (5, -5))));
        Assert.False(await stock.ApplyDeltaAsync("S/R1", 5, -5));
        // Another register has its own mark.
        Assert.Equal(1, await stock.ApplyDeltasAsync("S/R2", Deltas((1, -10))));
        Assert.True(await stock.ApplyDeltaAsync("S/R1", 6, 7));

        Assert.Equal(-1 - 2 - 3 - 4 - 5 - 10 + 7, (await stock.GetAsync()).OnHand);
    }

    [Fact]
    public async Task ApplyDeltas_ManyRegistersAtOnceOnOneSku_EveryDeltaCountsOnce()
    {
        var location = ClusterFixture.NewId("loc");
        var stock = Stock(location, "HOT");
        await stock.ApplyOperationAsync(new StockOperation("rcv-1", StockOperationKind.Receive, 10_000, "test"));

        // 40 registers each send 5 transactions, every call twice at the same time (a retry racing the original).
        var calls = Enumerable.Range(1, 40).SelectMany(r => Enumerable.Repeat(r, 2)).Select(r =>
            stock.ApplyDeltasAsync($"S/R{r}", Deltas((1, -1), (2, -2), (3, -1), (4, -3), (5, -1))));
        var applied = await Task.WhenAll(calls);

        Assert.Equal(40 * 5, applied.Sum());
        Assert.Equal(10_000 - (40 * 8), (await stock.GetAsync()).OnHand);
    }

    [Fact]
    public async Task CompleteSale_ManySalesDeliveredTogether_EachEffectOnce()
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("st"));
        await fixture.AddProductsAsync(store, 1000, ("A-" + store, 1000), ("B-" + store, 250));
        var register = fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(store, "R2"));
        await register.OpenShiftAsync(new OpenShiftCommand("shift-1", "cashier", "1234", 0));

        var receipts = new List<SaleReceipt>();
        for (var i = 0; i < 150; i++)
        {
            // More sales than one delivery batch; a SKU on two lines of one sale shares that sale's sequence.
            receipts.Add(await register.CompleteSaleAsync(new CompleteSaleCommand(
                $"bd-{i}", ClusterFixture.Currency,
                [new SaleLineSpec("A-" + store, 1), new SaleLineSpec("B-" + store, 2), new SaleLineSpec("A-" + store, 1)],
                [new TenderSpec(TenderType.Cash, 3000)], OccurredAt: ClusterFixture.Time.GetUtcNow())));
        }

        Assert.Equal(0, await register.FlushOutboxAsync());
        Assert.Equal(0, await register.FlushOutboxAsync());
        Assert.Equal(1000 - 300, (await Stock(store, "A-" + store).GetAsync()).OnHand);
        Assert.Equal(1000 - 300, (await Stock(store, "B-" + store).GetAsync()).OnHand);
        var records = await Task.WhenAll(receipts.Select(r => fixture.Grains.GetGrain<ISaleRecordGrain>(GrainKeys.Sale(r.SaleId)).GetAsync()));
        Assert.Equal(receipts.Select(r => r.ReceiptNumber), records.Select(r => r!.Sale.Receipt.ReceiptNumber));
        Assert.Equal(150 * 2500, (await register.GetShiftReportAsync()).SalesTotal);
    }

    [Fact]
    public async Task CompleteSale_StoreTaxRateChangedBetweenSales_NextSaleUsesNewRate()
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("st"));
        await fixture.AddProductsAsync(store, 100, ("A-" + store, 1200));
        var register = fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(store, "R1"));
        await register.OpenShiftAsync(new OpenShiftCommand("shift-1", "cashier", "1234", 0));
        CompleteSaleCommand Sale(string id) => new(id, ClusterFixture.Currency, [new SaleLineSpec("A-" + store, 1)],
            [new TenderSpec(TenderType.Cash, 1200)], OccurredAt: ClusterFixture.Time.GetUtcNow());

        var before = await register.CompleteSaleAsync(Sale("tx-1"));
        var storeGrain = fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store));
        var settings = (await storeGrain.GetAsync())!;
        await storeGrain.ConfigureAsync(settings with { TaxRates = [new TaxRateSpec("standard", 500, true), new TaxRateSpec("reduced", 700, true)] });
        var after = await register.CompleteSaleAsync(Sale("tx-2"));

        Assert.Equal(200, before.TaxTotal); // 20 % included in 12.00
        Assert.Equal(57, after.TaxTotal); // 5 % included in 12.00: 12.00 - 12.00 / 1.05 = 0.571…
    }
}
