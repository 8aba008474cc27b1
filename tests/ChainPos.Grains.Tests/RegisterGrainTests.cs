using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Stock;
using ChainPos.Abstractions.Stores;
using ChainPos.Domain;

namespace ChainPos.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RegisterGrainTests(ClusterFixture fixture)
{
    private async Task<(string Store, IRegisterGrain Register)> OpenAsync(long stock = 100)
    {
        var store = await fixture.CreateStoreAsync(ClusterFixture.NewId("st"));
        await fixture.AddProductsAsync(store, stock, ("A-" + store, 1000), ("B-" + store, 250));
        var register = fixture.Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(store, "R1"));
        await register.OpenShiftAsync(new OpenShiftCommand("shift-1", "cashier", "1234", 10_000));
        return (store, register);
    }

    private static CompleteSaleCommand Sale(string store, string saleId, long cash, params (string Sku, int Qty)[] lines) => new(
        saleId, ClusterFixture.Currency, [.. lines.Select(l => new SaleLineSpec(l.Sku, l.Qty))], [new TenderSpec(TenderType.Cash, cash)],
        OccurredAt: ClusterFixture.Time.GetUtcNow());

    [Fact]
    public async Task CompleteSale_CashWithChange_ReceiptAndEffectsExact()
    {
        var (store, register) = await OpenAsync();

        var receipt = await register.CompleteSaleAsync(Sale(store, "sale-1", 3000, ("A-" + store, 2), ("B-" + store, 1)));

        Assert.Equal(1, receipt.ReceiptSequence);
        Assert.Equal($"{store}-R1-000001", receipt.ReceiptNumber);
        Assert.Equal(2250, receipt.Total);
        Assert.Equal(375, receipt.TaxTotal); // 20 % included in 22.50: 22.50 - 22.50 / 1.2
        Assert.Equal(750, receipt.Change);
        Assert.False(receipt.Replayed);
        Assert.Equal(0, await register.FlushOutboxAsync());
        Assert.Equal(98, (await Stock(store, "A-" + store).GetAsync()).OnHand);
        Assert.Equal(99, (await Stock(store, "B-" + store).GetAsync()).OnHand);
        var report = await register.GetShiftReportAsync();
        Assert.Equal(10_000 + 2250, report.ExpectedCash);
        Assert.Equal(1, report.SalesCount);
    }

    [Fact]
    public async Task CompleteSale_SameSaleIdTwice_ReplaysFirstReceiptWithoutSecondEffect()
    {
        var (store, register) = await OpenAsync();
        var command = Sale(store, "sale-r", 1000, ("A-" + store, 1));

        var first = await register.CompleteSaleAsync(command);
        await register.FlushOutboxAsync();
        var second = await register.CompleteSaleAsync(command);
        await register.FlushOutboxAsync();

        Assert.True(second.Replayed);
        Assert.Equal(
            (first.ReceiptSequence, first.ReceiptNumber, first.Total, first.TaxTotal, first.Change, first.CompletedAt),
            (second.ReceiptSequence, second.ReceiptNumber, second.Total, second.TaxTotal, second.Change, second.CompletedAt));
        // By content: the replay comes from the stored sale record, whose lists read back as lists, not arrays.
        Assert.Equivalent(first.Lines, second.Lines, strict: true);
        Assert.Equal(99, (await Stock(store, "A-" + store).GetAsync()).OnHand);
        Assert.Equal(1, (await register.GetShiftReportAsync()).SalesCount);
    }

    [Fact]
    public async Task CompleteSale_RetryAfterIdWasPruned_IsAnsweredFromSaleRecord()
    {
        var (store, register) = await OpenAsync(stock: 1000);
        var oldCommand = Sale(store, "sale-old", 1000, ("A-" + store, 1));
        var old = await register.CompleteSaleAsync(oldCommand);
        for (var i = 0; i < 140; i++)
        {
            // More than the 128 ids a register keeps in its state.
            ClusterFixture.Time.Advance(TimeSpan.FromSeconds(1));
            await register.CompleteSaleAsync(Sale(store, $"sale-{i}", 250, ("B-" + store, 1)));
        }

        await register.FlushOutboxAsync();
        var replay = await register.CompleteSaleAsync(oldCommand);

        Assert.True(replay.Replayed);
        Assert.Equal(old.ReceiptSequence, replay.ReceiptSequence);
        Assert.Equal(999, (await Stock(store, "A-" + store).GetAsync()).OnHand);
        Assert.Equal(141, (await register.GetShiftReportAsync()).SalesCount);
    }

    [Fact]
    public async Task CompleteSale_ConcurrentSalesWithFailuresBetween_ReceiptNumbersHaveNoGaps()
    {
        var (store, register) = await OpenAsync();
        var calls = Enumerable.Range(0, 30).Select(i => i % 3 == 0
            ? register.CompleteSaleAsync(Sale(store, $"bad-{i}", 10, ("A-" + store, 1))) // tender short: refused
            : register.CompleteSaleAsync(Sale(store, $"ok-{i}", 1000, ("A-" + store, 1))));

        var results = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                return (await c).ReceiptSequence;
            }
            catch (PosException e) when (e.Code == ErrorCode.FailedPrecondition)
            {
                return -1;
            }
        }));

        Assert.Equal(10, results.Count(r => r == -1));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), results.Where(r => r > 0).Order());
    }

    [Fact]
    public async Task StoreSettingsChange_AppliesToTheNextSale_AndARegisterTakenOutIsRefused()
    {
        var (store, register) = await OpenAsync();
        var storeGrain = fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(store));
        var first = await register.CompleteSaleAsync(Sale(store, "cfg-1", 1000, ("A-" + store, 1)));
        Assert.Equal(167, first.TaxTotal); // 20 % included in 10.00; the register now holds the settings

        var settings = (await storeGrain.GetAsync())!;
        await storeGrain.ConfigureAsync(settings with { TaxRates = [new TaxRateSpec("standard", 1000, true), new TaxRateSpec("reduced", 700, true)] });
        var second = await register.CompleteSaleAsync(Sale(store, "cfg-2", 1000, ("A-" + store, 1)));
        Assert.Equal(91, second.TaxTotal); // 10 % included: the very next sale uses the new rate

        // An announcement of an older version is ignored; the copy stays in use.
        await register.StoreSettingsChangedAsync(1);
        Assert.Equal(91, (await register.CompleteSaleAsync(Sale(store, "cfg-3", 1000, ("A-" + store, 1)))).TaxTotal);

        await storeGrain.ConfigureAsync((await storeGrain.GetAsync())! with { RegisterIds = ["R2"] });
        var refused = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale(store, "cfg-4", 1000, ("A-" + store, 1))));
        Assert.Equal(ErrorCode.NotFound, refused.Code);
        Assert.Equal(3, (await register.GetShiftReportAsync()).SalesCount);
    }

    [Fact]
    public async Task CompleteSale_BadInput_ChangesNothing()
    {
        var (store, register) = await OpenAsync();

        var unknown = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale(store, "x1", 1000, ("NOPE", 1))));
        var zero = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale(store, "x2", 1000, ("A-" + store, 0))));
        var currency = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale(store, "x3", 1000, ("A-" + store, 1)) with { Currency = "USD" }));
        var mismatch = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale(store, "x4", 1000, ("A-" + store, 1)) with { ExpectedTotal = 999 }));
        var discount = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale(store, "x5", 1000, ("A-" + store, 1)) with
        {
            BasketDiscount = new DiscountSpec(5000, 0, "friend"),
        }));

        Assert.Equal(ErrorCode.NotFound, unknown.Code);
        Assert.Equal(ErrorCode.InvalidArgument, zero.Code);
        Assert.Equal(ErrorCode.InvalidArgument, currency.Code);
        Assert.Equal(ErrorCode.FailedPrecondition, mismatch.Code);
        Assert.Contains("10.00 EUR", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.PermissionDenied, discount.Code);
        var report = await register.GetShiftReportAsync();
        Assert.Equal(0, report.SalesCount);
        Assert.Equal(0, report.LastReceiptSequence);
        Assert.Equal(100, (await Stock(store, "A-" + store).GetAsync()).OnHand);
    }

    [Fact]
    public async Task CloseShift_AfterSalesAndMovements_ZReportHasVariance()
    {
        var (store, register) = await OpenAsync();
        await register.CompleteSaleAsync(Sale(store, "z-1", 2000, ("A-" + store, 1)));
        await register.RecordCashMovementAsync(new CashMovementCommand("pi-1", CashMovementType.PaidIn, 500, "change"));
        await register.RecordCashMovementAsync(new CashMovementCommand("po-1", CashMovementType.PaidOut, 300, "window cleaner"));
        await register.RecordCashMovementAsync(new CashMovementCommand("ns-1", CashMovementType.NoSale, 0, "customer asked for change"));

        var z = await register.CloseShiftAsync("shift-1", 11_150);
        var again = await register.CloseShiftAsync("shift-1", 0);

        Assert.Equal(10_000 + 1000 + 500 - 300, z.ExpectedCash);
        Assert.Equal(-50, z.CashVariance);
        Assert.Equal(1, z.NoSaleCount);
        Assert.Equal(z with { Tenders = [] }, again with { Tenders = [] });
        Assert.Equal(z.Tenders, again.Tenders);
        Assert.Equal([new TenderTotalView(TenderType.Cash, 1000, 1)], z.Tenders);
        await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale(store, "late", 1000, ("A-" + store, 1))));
    }

    [Fact]
    public async Task Return_AgainstReceipt_RefundsPaidShareAndRestocksOnce()
    {
        var (store, register) = await OpenAsync();
        await register.CompleteSaleAsync(Sale(store, "ret-sale", 3000, ("A-" + store, 3)));
        await register.FlushOutboxAsync();
        var command = new ReturnCommand("ret-1", "ret-sale", [new ReturnLineSpec("A-" + store, 2)], [new TenderSpec(TenderType.Cash, 2000)], ClusterFixture.Currency);

        var refund = await register.ReturnAsync(command);
        var replay = await register.ReturnAsync(command);
        await register.FlushOutboxAsync();
        var tooMany = await Assert.ThrowsAsync<PosException>(() => register.ReturnAsync(
            command with { ReturnId = "ret-2", RefundTenders = [new TenderSpec(TenderType.Cash, 2000)] }));

        Assert.Equal(2000, refund.RefundTotal);
        Assert.Equal(2, refund.ReceiptSequence);
        Assert.True(replay.Replayed);
        Assert.Equal(ErrorCode.FailedPrecondition, tooMany.Code);
        Assert.Equal(99, (await Stock(store, "A-" + store).GetAsync()).OnHand);
    }

    [Fact]
    public async Task Void_SaleOfOpenShift_RestoresStockAndCash()
    {
        var (store, register) = await OpenAsync();
        await register.CompleteSaleAsync(Sale(store, "void-sale", 1500, ("A-" + store, 1)));

        var wrongPin = await Assert.ThrowsAsync<PosException>(() => register.VoidSaleAsync(new VoidCommand("v-0", "void-sale", "boss", "0000", "mistake")));
        var voided = await register.VoidSaleAsync(new VoidCommand("v-1", "void-sale", "boss", "9999", "mistake"));
        await register.FlushOutboxAsync();

        Assert.Equal(ErrorCode.PermissionDenied, wrongPin.Code);
        Assert.Equal(1000, voided.RefundTotal);
        Assert.Equal(100, (await Stock(store, "A-" + store).GetAsync()).OnHand);
        Assert.Equal(10_000, (await register.GetShiftReportAsync()).ExpectedCash);
    }

    private ISkuStockGrain Stock(string store, string sku) => fixture.Grains.GetGrain<ISkuStockGrain>(GrainKeys.Stock(store, sku));
}
