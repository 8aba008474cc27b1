using System.Diagnostics;
using ChainPos.Api.V1;
using Grpc.Core;

namespace ChainPos.LoadGen;

/// <summary>
/// Web-shop reservations through the gateway with the e-commerce credential: every call reserves one
/// unit for a new order as a pickup at store S001. <c>--hot</c> puts every order on SKU-00001 (a flash
/// sale: one stock grain serializes them); otherwise each order picks a SKU uniformly from the catalogue.
/// Stock is booked in first (admin) so the run measures grants, not refusals.
/// </summary>
internal static class ReserveLoad
{
    private const string Location = "S001";
    private const long StockPerSku = 10_000_000;

    public static async Task<int> RunAsync(Options options)
    {
        var credentials = DemoCredentialsFile.Load(options.CredentialsFile);
        var admin = DemoCredentialsFile.Channel(options.Target, credentials.Admin);
        var commerce = new CommerceService.CommerceServiceClient(DemoCredentialsFile.Channel(options.Target, credentials.Commerce));
        var skus = options.Hot ? [SaleMix.Sku(1)] : Enumerable.Range(1, SaleMix.CatalogSize).Select(SaleMix.Sku).ToArray();
        await BookStockAsync(new StockService.StockServiceClient(admin), skus);

        Console.WriteLine($"Reservations ({(options.Hot ? "one hot SKU" : $"{skus.Length} SKUs")}): {options.Concurrency} callers, {options.Seconds} s against {options.Target}");
        var results = new Results();
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => results.PrintProgress(clock.Elapsed), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(i => CallerAsync(commerce, skus, i, options.Seconds, clock, results)));
        var summary = results.Summarize(clock.Elapsed, options);
        Console.WriteLine();
        Console.WriteLine(summary.ToText().Replace("sales", "reservations", StringComparison.Ordinal));
        await ResultFile.WriteAsync(summary, options.Out);
        return summary.Errors.Count == 0 ? 0 : 1;
    }

    private static async Task CallerAsync(CommerceService.CommerceServiceClient commerce, string[] skus, int caller, int seconds, Stopwatch clock, Results results)
    {
        var random = new Random(caller ^ Environment.TickCount);
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var request = new ReserveStockRequest
            {
                OrderId = "load-" + Guid.NewGuid().ToString("N"),
                PickupLocationId = Location,
                TtlSeconds = 600,
                Lines = { new ReserveLine { Sku = skus[random.Next(skus.Length)], Quantity = 1 } },
            };
            var started = Stopwatch.GetTimestamp();
            try
            {
                await commerce.ReserveStockAsync(request);
                results.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (RpcException e)
            {
                results.Fail(e.StatusCode, e.Status.Detail);
            }
        }
    }

    private static async Task BookStockAsync(StockService.StockServiceClient stock, string[] skus)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (sku, ct) =>
            await stock.ReceiveStockAsync(
                new StockOperationRequest
                {
                    LocationId = Location, Sku = sku, OperationId = $"reserve-load-{run}-{sku}", Quantity = StockPerSku, Reason = "reservation load test",
                },
                cancellationToken: ct));
    }
}
