using System.Diagnostics;
using ChainPos.Api.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ChainPos.LoadGen;

/// <summary>
/// A first checkout load loop (the full chain-day benchmark is a separate piece of work): a store
/// "LOAD" with <c>--registers</c> registers is set up through the admin API, then
/// <c>--concurrency</c> callers ring the <see cref="SaleMix"/> for <c>--seconds</c>, each caller on
/// its own register where there are enough.
/// </summary>
internal static class CheckoutLoad
{
    private const string Store = "LOAD";

    public static async Task<int> RunAsync(Options options)
    {
        var credentials = DemoCredentialsFile.Load(options.CredentialsFile);
        var invoker = DemoCredentialsFile.Channel(options.Target, credentials.Admin);
        var checkout = new CheckoutService.CheckoutServiceClient(invoker);
        await SetUpAsync(new StoreAdminService.StoreAdminServiceClient(invoker), checkout, options.Registers);

        Console.WriteLine($"Checkout load: {options.Concurrency} callers, {options.Registers} registers, {options.Seconds} s against {options.Target}");
        var results = new Results();
        var deadline = Stopwatch.StartNew();
        using var progress = new Timer(_ => results.PrintProgress(deadline.Elapsed), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var callers = Enumerable.Range(0, options.Concurrency).Select(i => CallerAsync(checkout, $"R{(i % options.Registers) + 1}", options.Seconds, deadline, results));
        await Task.WhenAll(callers);
        var summary = results.Summarize(deadline.Elapsed, options);
        Console.WriteLine();
        Console.WriteLine(summary.ToText());
        await ResultFile.WriteAsync(summary, options.Out);

        return summary.Errors.Count == 0 ? 0 : 1;
    }

    private static async Task CallerAsync(CheckoutService.CheckoutServiceClient checkout, string register, int seconds, Stopwatch clock, Results results)
    {
        var mix = new SaleMix(register.GetHashCode(StringComparison.Ordinal) ^ Environment.TickCount);
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var request = new CompleteSaleRequest
            {
                StoreId = Store, RegisterId = register, SaleId = Guid.NewGuid().ToString("N"), Currency = "EUR",
                OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
                Tenders = { new Tender { Type = TenderType.Cash, Amount = 10_000_00 } },
            };
            request.Lines.AddRange(mix.NextLines().Select(l => new SaleLine { Sku = l.Sku, Quantity = l.Quantity }));
            var started = Stopwatch.GetTimestamp();
            try
            {
                await checkout.CompleteSaleAsync(request);
                results.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (RpcException e)
            {
                results.Fail(e.StatusCode, e.Status.Detail);
            }
        }
    }

    private static async Task SetUpAsync(StoreAdminService.StoreAdminServiceClient admin, CheckoutService.CheckoutServiceClient checkout, int registers)
    {
        var config = new StoreConfig
        {
            StoreId = Store, Name = "Load test store", Currency = "EUR", TimeZone = "Europe/Berlin",
            TaxRates = { new TaxRateConfig { TaxClass = "standard", RateBasisPoints = 1900, Inclusive = true }, new TaxRateConfig { TaxClass = "reduced", RateBasisPoints = 700, Inclusive = true } },
            Employees = { new Employee { EmployeeId = "L1", Name = "Load", Role = EmployeeRole.Cashier, Pin = "4321" } },
            Loyalty = new LoyaltyRuleConfig { PointsPerMajorUnit = 1, MinorPerPoint = 1, SilverSpend = 50_000, GoldSpend = 200_000 },
            CashierDiscountLimitBasisPoints = 1000,
        };
        config.RegisterIds.AddRange(Enumerable.Range(1, registers).Select(r => $"R{r}"));
        await admin.ConfigureStoreAsync(new ConfigureStoreRequest { Store = config });
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await Task.WhenAll(config.RegisterIds.Select(async register =>
        {
            try
            {
                var report = await checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = register });
                if (!report.Closed)
                {
                    await checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = Store, RegisterId = register, ShiftId = report.ShiftId, CountedCash = report.ExpectedCash });
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                // Never had a shift.
            }

            await checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = Store, RegisterId = register, ShiftId = $"load-{run}", CashierId = "L1", CashierPin = "4321" });
        }));
    }
}
