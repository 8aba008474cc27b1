using System.Diagnostics;
using Orleans.Storage;

namespace ChainPos.Storage.Benchmarks;

/// <summary>N writers, each rewriting its own grain's state back to back (the next write after the previous one is acknowledged).</summary>
internal static class WriteLoad
{
    public static async Task<WriteResult> RunAsync(IGrainStorage storage, string keyPrefix, int writers, TimeSpan warmUp, TimeSpan measure)
    {
        var measuring = 0;
        using var stop = new CancellationTokenSource();
        var counts = new long[writers];
        var latencies = new List<double>[writers];
        var tasks = new Task[writers];
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            latencies[w] = [];
            tasks[w] = Task.Run(async () =>
            {
                var id = GrainId.Create("bench", $"{keyPrefix}-{writer}");
                var state = new GrainState<BenchState>(new BenchState { Sku = $"sku-{writer:D6}", OnHand = 1000 });
                while (!stop.IsCancellationRequested)
                {
                    state.State!.OnHand--;
                    state.State.Recent.Add(state.State.OnHand);
                    if (state.State.Recent.Count > 8)
                    {
                        state.State.Recent.RemoveAt(0);
                    }

                    var started = Stopwatch.GetTimestamp();
                    await storage.WriteStateAsync("bench-state", id, state);
                    if (Volatile.Read(ref measuring) == 1)
                    {
                        counts[writer]++;
                        latencies[writer].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            });
        }

        await Task.Delay(warmUp);
        Volatile.Write(ref measuring, 1);
        var clock = Stopwatch.StartNew();
        await Task.Delay(measure);
        Volatile.Write(ref measuring, 0);
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(tasks);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new WriteResult(counts.Sum() / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

/// <summary>Writes per second and latency of one measured interval.</summary>
internal sealed record WriteResult(double WritesPerSecond, double P50Ms, double P99Ms);
