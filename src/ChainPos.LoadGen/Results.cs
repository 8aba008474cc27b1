using Grpc.Core;

namespace ChainPos.LoadGen;

/// <summary>Latencies and errors of a run; thread-safe.</summary>
internal sealed class Results
{
    private readonly Lock _lock = new();
    private readonly List<double> _latencies = new(1 << 16);
    private readonly Dictionary<StatusCode, int> _errors = [];
    private int _lastCount;

    public void Record(double milliseconds)
    {
        lock (_lock)
        {
            _latencies.Add(milliseconds);
        }
    }

    public void Fail(StatusCode code, string? detail = null)
    {
        lock (_lock)
        {
            _errors[code] = _errors.GetValueOrDefault(code) + 1;
            if (_errors[code] == 1 && detail is not null)
            {
                // The first error of each kind is worth reading; the rest are counted.
                Console.Error.WriteLine($"{Environment.NewLine}first {code}: {detail}");
            }
        }
    }

    public void PrintProgress(TimeSpan elapsed)
    {
        int count, errors;
        lock (_lock)
        {
            count = _latencies.Count;
            errors = _errors.Values.Sum();
        }

        Console.Write($"\r  {elapsed.TotalSeconds,5:F0} s   {count,8} sales   {count - _lastCount,6} /s   errors {errors}      ");
        _lastCount = count;
    }

    public Summary Summarize(TimeSpan elapsed, Options options)
    {
        lock (_lock)
        {
            var sorted = _latencies.Order().ToArray();
            double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return new Summary(options.Target.ToString(), options.Concurrency, options.Registers, elapsed.TotalSeconds, sorted.Length,
                sorted.Length / elapsed.TotalSeconds, P(0.50), P(0.95), P(0.99), sorted.LastOrDefault(),
                _errors.ToDictionary(e => e.Key.ToString(), e => e.Value));
        }
    }
}

internal sealed record Summary(
    string Target, int Concurrency, int Registers, double Seconds, int Sales, double SalesPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, Dictionary<string, int> Errors)
{
    public string ToText() =>
        $"{Sales} sales in {Seconds:F1} s = {SalesPerSecond:F0} sales/s; latency p50 {P50Ms:F1} ms, p95 {P95Ms:F1} ms, p99 {P99Ms:F1} ms, max {MaxMs:F1} ms; " +
        (Errors.Count == 0 ? "no errors" : "errors: " + string.Join(", ", Errors.Select(e => $"{e.Key} {e.Value}")));
}
