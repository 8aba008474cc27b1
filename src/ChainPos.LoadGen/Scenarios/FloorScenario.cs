using ChainPos.Api.V1;
using ChainPos.LoadGen.Health;
using ChainPos.LoadGen.Metrics;
using Grpc.Core;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>
/// <c>chainpos-load floor</c>: the framework floor. The gateway has no empty rpc, so the nearest thing is
/// measured and labelled as such: <c>grpc.health.v1.Health/Check</c> (no credential, no grain; it runs the
/// host's health checks on each call), then reads served from activated grains' memory: <c>GetStore</c>
/// (one store grain per demo store) and <c>GetStock</c> of one SKU (one stock grain per SKU). Each runs for
/// <c>--seconds</c> with the same callers; the ratio is GetStore ÷ Check.
/// </summary>
internal static class FloorScenario
{
    public static async Task<int> RunAsync(Options options)
    {
        var credentials = DemoCredentialsFile.Load(options.CredentialsFile);
        var admin = DemoCredentialsFile.Channel(options.Target, credentials.Admin);
        var health = new Health.Health.HealthClient(admin);
        var stores = new StoreAdminService.StoreAdminServiceClient(admin);
        var stock = new StockService.StockServiceClient(admin);
        var storeIds = credentials.Stores.Keys.Order(StringComparer.Ordinal).ToArray();
        var skus = Enumerable.Range(1, 256).Select(SaleMix.Sku).ToArray();
        var duration = TimeSpan.FromSeconds(options.Seconds);

        // Activate what the grain reads will touch, so the run measures calls, not activations.
        await Task.WhenAll(storeIds.Select(s => stores.GetStoreAsync(new GetStoreRequest { StoreId = s }).ResponseAsync));
        await stock.GetStockAsync(new GetStockRequest { LocationId = storeIds[0], Skus = { skus } });

        var runs = new List<RunSummary>
        {
            await MeasureAsync("grpc-health", "Check", options.Concurrency, duration, (_, n) => health.CheckAsync(new HealthCheckRequest()).ResponseAsync),
            await MeasureAsync("grain-read-store", "GetStore", options.Concurrency, duration, (c, n) => stores.GetStoreAsync(new GetStoreRequest { StoreId = storeIds[(c + n) % storeIds.Length] }).ResponseAsync),
            await MeasureAsync("grain-read-stock", "GetStock", options.Concurrency, duration, (c, n) => stock.GetStockAsync(new GetStockRequest { LocationId = storeIds[0], Skus = { skus[(c * 31 + n) % skus.Length] } }).ResponseAsync),
        };
        var ratio = runs[0].HeadlinePerSecond > 0 ? runs[1].HeadlinePerSecond / runs[0].HeadlinePerSecond : (double?)null;
        var report = new ScenarioReport("floor", DateTimeOffset.UtcNow, new { options.Concurrency, options.Seconds, stores = storeIds.Length }, runs, ratio,
            runs.ToDictionary(r => r.System, r => (IReadOnlyList<string>)(r.Errors > 0 ? [$"{r.Errors} calls failed"] : [])),
            RatioLabel: "GetStore (grain, in memory) ÷ health Check (no grain, not empty: it runs the host's health checks)");
        return await report.FinishAsync(options.Out);
    }

    /// <summary>Runs <paramref name="call"/> from <paramref name="concurrency"/> callers (caller index, call number) for <paramref name="duration"/>.</summary>
    public static async Task<RunSummary> MeasureAsync<T>(string name, string method, int concurrency, TimeSpan duration, Func<int, int, Task<T>> call)
    {
        var metrics = new RunMetrics(name, method);
        metrics.Start();
        using (metrics.ShowProgress(duration))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async c =>
            {
                for (var n = 0; metrics.Elapsed < duration; n++)
                {
                    try
                    {
                        await metrics.TimeAsync(method, () => call(c, n));
                    }
                    catch (RpcException e)
                    {
                        metrics.Fail(method, e.StatusCode, e.Status.Detail);
                    }
                }
            }));
        }

        metrics.Stop();
        Console.WriteLine();
        var summary = RunSummary.From(metrics);
        Console.WriteLine(summary.ToText());
        return summary;
    }
}
