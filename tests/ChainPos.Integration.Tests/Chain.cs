using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Stock;
using ChainPos.Abstractions.Stores;
using ChainPos.Domain;

namespace ChainPos.Integration.Tests;

/// <summary>Sets up stores, catalogue, stock, cards and shifts through the grains, and drives sales as a store agent does.</summary>
internal sealed class Chain(IGrainFactory grains)
{
    public const string Currency = "EUR";
    public const string Cashier = "cashier";
    public const string CashierPin = "1234";

    // PBKDF2 is deliberately slow: hash once per process.
    private static readonly Lazy<string> CashierPinHash = new(() => PinHasher.Hash(CashierPin));

    public IGrainFactory Grains { get; } = grains;

    /// <summary>A store in EUR with 20 % VAT included in prices, the given registers and one cashier.</summary>
    public Task<StoreSettings> ConfigureStoreAsync(string storeId, params string[] registerIds) =>
        Grains.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).ConfigureAsync(new StoreSettings(
            storeId, "Store " + storeId, Currency, "Europe/Berlin",
            [new TaxRateSpec("standard", 2000, true)],
            registerIds,
            [new EmployeeSpec(Cashier, "Cashier", EmployeeRole.Cashier, CashierPinHash.Value)],
            [], new LoyaltyRuleSpec(1, 1, 50_000, 200_000), 1000, 0));

    /// <summary>Adds products (standard tax, price in cents) to the catalogue.</summary>
    public Task<long> AddProductsAsync(string operationId, params (string Sku, long Price)[] products) =>
        Grains.GetGrain<ICatalogGrain>(GrainKeys.Catalog).UpsertAsync(
            operationId,
            [.. products.Select(p => new ProductInfo(p.Sku, "Product " + p.Sku, [], p.Price, Currency, "standard", "general", true, 0))]);

    public Task<StockLevel> ReceiveAsync(string storeId, string sku, long quantity) =>
        Stock(storeId, sku).ApplyOperationAsync(new StockOperation($"rcv-{storeId}-{sku}", StockOperationKind.Receive, quantity, "opening stock"));

    public Task<ShiftOpened> OpenShiftAsync(string storeId, string registerId, string shiftId) =>
        Register(storeId, registerId).OpenShiftAsync(new OpenShiftCommand(shiftId, Cashier, CashierPin, 10_000));

    public IRegisterGrain Register(string storeId, string registerId) => Grains.GetGrain<IRegisterGrain>(GrainKeys.Register(storeId, registerId));

    public ISkuStockGrain Stock(string storeId, string sku) => Grains.GetGrain<ISkuStockGrain>(GrainKeys.Stock(storeId, sku));

    public ISaleRecordGrain SaleRecord(string saleId) => Grains.GetGrain<ISaleRecordGrain>(GrainKeys.Sale(saleId));

    public IGiftCardGrain GiftCard(string code) => Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)));

    public ILoyaltyAccountGrain Loyalty(string customerId) => Grains.GetGrain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(customerId));

    /// <summary>Flushes every register's outbox until nothing is pending (bounded); returns what is still pending per register.</summary>
    public static async Task<int[]> FlushAsync(IEnumerable<IRegisterGrain> registers) =>
        await Task.WhenAll(registers.Select(r => Eventually.UntilAsync(r.FlushOutboxAsync, pending => pending == 0)));

    /// <summary>A sale of product lines (each line: SKU, quantity) with the given tenders; the expected total is checked by the server.</summary>
    public static CompleteSaleCommand Sale(string saleId, long expectedTotal, IReadOnlyList<SaleLineSpec> lines, params TenderSpec[] tenders) =>
        new(saleId, Currency, lines, tenders, ExpectedTotal: expectedTotal, OccurredAt: DateTimeOffset.UtcNow);

    public static SaleLineSpec Line(string sku, int quantity) => new(sku, quantity);

    public static TenderSpec Cash(long amount) => new(TenderType.Cash, amount);

    public static TenderSpec GiftCardTender(string code, long amount) => new(TenderType.GiftCard, amount, GiftCardCode: code);

    /// <summary>A valid 16-digit gift card code, different per call.</summary>
    public static string NewGiftCardCode() =>
        "60" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The store agent's contract: a sale whose call failed for any reason other than a business answer
/// (<see cref="PosException"/>) is sent again, with the same sale id, until it is acknowledged.
/// </summary>
internal sealed class StoreAgent
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(45);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private int _retries;

    public int Retries => _retries;

    /// <summary>Failed attempts by exception type (what the retries were for).</summary>
    public IReadOnlyDictionary<string, int> Failures => _failures;

    public async Task<(SaleReceipt Receipt, int Attempts)> CompleteAsync(IRegisterGrain register, CompleteSaleCommand command)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await register.CompleteSaleAsync(command), attempt);
            }
            catch (Exception e) when (e is not PosException && clock.Elapsed < GiveUpAfter)
            {
                _failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                Interlocked.Increment(ref _retries);
                await Task.Delay(100);
            }
        }
    }
}
