using System.Diagnostics;
using ChainPos.Abstractions.Reports;
using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Reports.Tests.ReportsFixture;

namespace ChainPos.Reports.Tests;

/// <summary>The chain's set-up and what a till sends, so tests read as the baskets they ring up.</summary>
internal static class Sales
{
    public const string Cashier = "E1";
    public const string CashierPin = "1234";
    public const string Supervisor = "E2";
    public const string SupervisorPin = "5678";

    public static IReadOnlyList<Product> Products { get; } =
    [
        Product("TEE", "T-shirt", 1999, "standard", "apparel"),
        Product("MUG", "Mug", 899, "standard", "home"),
        Product("APPLE", "Apples 1 kg", 349, "reduced", "food"),
        Product("BREAD", "Bread", 259, "reduced", "food"),
    ];

    public static Product Product(string sku, string name, long price, string taxClass, string category) => new()
    {
        Sku = sku, Name = name, Price = price, Currency = Currency, TaxClass = taxClass, Category = category, Active = true,
    };

    public static StoreConfig Store(string storeId) => new()
    {
        StoreId = storeId,
        Name = "Store " + storeId,
        Currency = Currency,
        TimeZone = StoreTimeZone,
        TaxRates =
        {
            new TaxRateConfig { TaxClass = "standard", RateBasisPoints = 2000, Inclusive = true },
            new TaxRateConfig { TaxClass = "reduced", RateBasisPoints = 700, Inclusive = true },
        },
        RegisterIds = { "R1", "R2", "R3" },
        Employees =
        {
            new Employee { EmployeeId = Cashier, Name = "Cara", Role = EmployeeRole.Cashier, Pin = CashierPin },
            new Employee { EmployeeId = Supervisor, Name = "Sam", Role = EmployeeRole.Supervisor, Pin = SupervisorPin },
        },
        Loyalty = new LoyaltyRuleConfig { PointsPerMajorUnit = 10, MinorPerPoint = 1, SilverSpend = 50_000, GoldSpend = 200_000 },
        CashierDiscountLimitBasisPoints = 1000,
    };

    public static CheckoutService.CheckoutServiceClient Checkout(CallInvoker invoker) => new(invoker);

    public static ReportsService.ReportsServiceClient ReportsClient(CallInvoker invoker) => new(invoker);

    public static async Task OpenShiftAsync(CallInvoker invoker, string storeId, string registerId, long openingFloat = 10_000) =>
        await Checkout(invoker).OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = storeId, RegisterId = registerId, ShiftId = $"shift-{storeId}-{registerId}", CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = openingFloat,
        });

    public static SaleLine Line(string sku, int quantity) => new() { Sku = sku, Quantity = quantity };

    public static Tender Cash(long amount) => new() { Type = TenderType.Cash, Amount = amount };

    public static Tender Card(long amount) => new() { Type = TenderType.Card, Amount = amount, CardToken = "tok_1", CardBrand = "VISA", CardLast4 = "4242" };

    public static Tender GiftCardTender(long amount) => new() { Type = TenderType.GiftCard, Amount = amount, GiftCardCode = GiftCard };

    public static async Task<CompleteSaleResponse> RingAsync(CallInvoker invoker, string storeId, string registerId, string saleId, IEnumerable<SaleLine> lines, IEnumerable<Tender> tenders, string? customer = null)
    {
        var request = new CompleteSaleRequest { StoreId = storeId, RegisterId = registerId, SaleId = saleId, Currency = Currency, Lines = { lines }, Tenders = { tenders } };
        if (customer is not null)
        {
            request.CustomerId = customer;
        }

        return await Checkout(invoker).CompleteSaleAsync(request);
    }

    /// <summary>The business day of a receipt in the stores' time zone, as the reports key it.</summary>
    public static string Day(CompleteSaleResponse receipt) =>
        ReportKeys.Format(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receipt.CompletedAt.ToDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById(StoreTimeZone)).DateTime));

    public static int Hour(CompleteSaleResponse receipt) =>
        TimeZoneInfo.ConvertTime(receipt.CompletedAt.ToDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById(StoreTimeZone)).Hour;

    /// <summary>Reads the store-day report until it counts <paramref name="sales"/> sales (the outbox feeds it after the answer).</summary>
    public static async Task<DaySales> StoreDayWhenAsync(CallInvoker invoker, string storeId, string day, int sales) =>
        await Eventually(() => ReportsClient(invoker).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = storeId, Day = day }).ResponseAsync, d => d.SalesCount >= sales);

    /// <summary>Polls a read until a condition holds or 20 s pass (then returns the last value for the asserts to fail on).</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
