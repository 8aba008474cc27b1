using ChainPos.Api.V1;
using ChainPos.LoadGen.Metrics;
using Grpc.Core;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>
/// <c>chainpos-load floor</c>: the framework floor. <c>DiagnosticsService.Echo</c> is an empty call (gRPC and
/// authentication, no grain); <c>EchoGrain</c> adds one call to a probe grain with in-memory state (no storage),
/// spread over 256 keys. Both run for <c>--seconds</c> with the same callers, one after the other, then a read served
/// from activated grains' memory (<c>GetStore</c>) for reference. The ratio is EchoGrain ÷ Echo (the target:
/// ≥ 0.6).
/// </summary>
internal static class FloorScenario
{
    private const int ProbeKeys = 256;

    public static async Task<int> RunAsync(Options options)
    {
        var credentials = DemoCredentialsFile.Load(options.CredentialsFile);
        var admin = DemoCredentialsFile.Channel(options.Target, credentials.Admin);
        var diagnostics = new DiagnosticsService.DiagnosticsServiceClient(admin);
        var stores = new StoreAdminService.StoreAdminServiceClient(admin);
        var storeIds = credentials.Stores.Keys.Order(StringComparer.Ordinal).ToArray();
        var keys = Enumerable.Range(0, ProbeKeys).Select(i => "floor-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var duration = TimeSpan.FromSeconds(options.Seconds);

        // Activate what the grain calls will touch, so the run measures calls, not activations.
        await Task.WhenAll(keys.Select(k => diagnostics.EchoGrainAsync(new EchoRequest { Key = k }).ResponseAsync));
        await Task.WhenAll(storeIds.Select(s => stores.GetStoreAsync(new GetStoreRequest { StoreId = s }).ResponseAsync));

        var runs = new List<RunSummary>
        {
            await MeasureAsync("empty-call", "Echo", options.Concurrency, duration, (_, _) => diagnostics.EchoAsync(new EchoRequest()).ResponseAsync),
            await MeasureAsync("grain-in-memory", "EchoGrain", options.Concurrency, duration, (c, n) => diagnostics.EchoGrainAsync(new EchoRequest { Key = keys[(c * 31 + n) % keys.Length] }).ResponseAsync),
            await MeasureAsync("grain-read-store", "GetStore", options.Concurrency, duration, (c, n) => stores.GetStoreAsync(new GetStoreRequest { StoreId = storeIds[(c + n) % storeIds.Length] }).ResponseAsync),
        };
        var ratio = runs[0].HeadlinePerSecond > 0 ? runs[1].HeadlinePerSecond / runs[0].HeadlinePerSecond : (double?)null;
        var report = new ScenarioReport("floor", DateTimeOffset.UtcNow, new { options.Concurrency, options.Seconds, probeKeys = ProbeKeys }, runs, ratio,
            runs.ToDictionary(r => r.System, r => (IReadOnlyList<string>)(r.Errors > 0 ? [$"{r.Errors} calls failed"] : [])),
            RatioLabel: "EchoGrain (gRPC -> grain, in-memory state) ÷ Echo (empty gRPC call); target >= 0.6");
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
