using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;

namespace ChainPos.LoadGen.Metrics;

/// <summary>
/// Everything measured during one run of one system: a histogram per method, errors by status, and
/// a live progress line on the console. Thread-safe.
/// </summary>
internal sealed class RunMetrics(string system, string headline)
{
    private readonly ConcurrentDictionary<string, MethodStats> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private long _lastHeadlineCount;

    /// <summary>Which system was measured ("chainpos" or "baseline").</summary>
    public string System { get; } = system;

    /// <summary>The method whose rate the progress line and the summary lead with (e.g. CompleteSale).</summary>
    public string Headline { get; } = headline;

    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyDictionary<string, MethodStats> Methods => _methods;

    public void Start() => _clock.Start();

    public void Stop() => _clock.Stop();

    public MethodStats For(string method) => _methods.GetOrAdd(method, _ => new MethodStats());

    /// <summary>Times <paramref name="call"/> and records it under <paramref name="method"/> when it succeeds.</summary>
    /// <remarks>An answer that <paramref name="granted"/> rejects (a business refusal such as "sold out") is recorded under
    /// "<paramref name="method"/> (refused)" instead, so the method's rate and latency count only what it granted.</remarks>
    public async Task<T> TimeAsync<T>(string method, Func<Task<T>> call, Func<T, bool>? granted = null)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        if (granted is null || granted(result))
        {
            For(method).Latency.Record(micros);
        }
        else
        {
            For(method + " (refused)").Latency.Record(micros);
            For(method).Refuse(Elapsed);
        }

        return result;
    }

    /// <summary>Counts a failed call; the first failure of each method and status is printed in full.</summary>
    public void Fail(string method, StatusCode status, string detail)
    {
        For(method).Errors.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (_reported.TryAdd($"{method}/{status}", 0))
        {
            Console.Error.WriteLine($"{Environment.NewLine}[{System}] first {method} {status}: {detail}");
        }
    }

    public long ErrorCount => _methods.Values.Sum(m => m.Errors.Values.Sum());

    /// <summary>One progress line, rewritten in place: elapsed/total, headline rate over the last tick, p99 so far, errors.</summary>
    public string ProgressLine(TimeSpan total, TimeSpan tick)
    {
        var stats = For(Headline);
        var count = stats.Latency.Count;
        var rate = (count - _lastHeadlineCount) / tick.TotalSeconds;
        _lastHeadlineCount = count;
        var remaining = total - Elapsed;
        return $"  [{System}] {Elapsed.TotalSeconds,4:F0}/{total.TotalSeconds:F0} s ({Math.Max(0, remaining.TotalSeconds):F0} s left)  " +
            $"{Headline} {rate,7:F0}/s  p99 {stats.Latency.ValueAt(0.99) / 1000.0,7:F1} ms  total {count,8}  errors {ErrorCount}";
    }

    /// <summary>Prints <see cref="ProgressLine"/> every second until disposed.</summary>
    public IDisposable ShowProgress(TimeSpan total)
    {
        var tick = TimeSpan.FromSeconds(1);
        return new Timer(_ => Console.Write("\r" + ProgressLine(total, tick) + "   "), null, tick, tick);
    }
}
