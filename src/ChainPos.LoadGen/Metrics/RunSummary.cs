namespace ChainPos.LoadGen.Metrics;

/// <summary>One method's figures in a run: rate, percentiles in ms, errors by status.</summary>
internal sealed record MethodSummary(
    string Method, long Calls, double PerSecond, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs,
    long Refused, long Resent, double? FirstRefusalSeconds, Dictionary<string, long> Errors, IReadOnlyList<PercentilePoint> Distribution);

/// <summary>A point of the latency percentile distribution (for plots): percentile (0..100) and value in ms.</summary>
internal sealed record PercentilePoint(double Percentile, double Ms);

/// <summary>What one system did in one scenario.</summary>
internal sealed record RunSummary(string System, string Headline, double Seconds, IReadOnlyList<MethodSummary> Methods)
{
    /// <summary>Successful headline calls per second.</summary>
    public double HeadlinePerSecond => Methods.FirstOrDefault(m => m.Method == Headline)?.PerSecond ?? 0;

    public long Errors => Methods.Sum(m => m.Errors.Values.Sum());

    public static RunSummary From(RunMetrics metrics)
    {
        var seconds = metrics.Elapsed.TotalSeconds;
        var methods = metrics.Methods.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m =>
        {
            var h = m.Value.Latency;
            double Ms(double q) => h.ValueAt(q) / 1000.0;
            return new MethodSummary(m.Key, h.Count, seconds > 0 ? h.Count / seconds : 0, Ms(0.50), Ms(0.90), Ms(0.95), Ms(0.99), Ms(0.999), h.Max / 1000.0,
                m.Value.Refused, m.Value.Resent, m.Value.FirstRefusal?.TotalSeconds, m.Value.Errors.ToDictionary(e => e.Key.ToString(), e => e.Value), Distribution(h));
        }).ToList();
        return new RunSummary(metrics.System, metrics.Headline, seconds, methods);
    }

    /// <summary>Percentiles 0..99.999 spaced evenly on the "number of nines" scale used by HDR plots.</summary>
    private static List<PercentilePoint> Distribution(LatencyHistogram h)
    {
        var points = new List<PercentilePoint>();
        for (var nines = 0.0; nines <= 5.0001; nines += 0.125)
        {
            var q = 1 - Math.Pow(10, -nines);
            points.Add(new PercentilePoint(Math.Round(q * 100, 4), h.ValueAt(Math.Max(q, 1e-9)) / 1000.0));
        }

        return points;
    }

    public string ToText()
    {
        var lines = new List<string> { $"{System}: {Seconds:F1} s" };
        foreach (var m in Methods)
        {
            lines.Add($"  {m.Method,-20} {m.Calls,9} ok {m.PerSecond,8:F0}/s  p50 {m.P50Ms,7:F2}  p95 {m.P95Ms,7:F2}  p99 {m.P99Ms,7:F2}  max {m.MaxMs,8:F2} ms" +
                (m.Refused > 0 ? $"  refused {m.Refused}" : "") + (m.Resent > 0 ? $"  resent {m.Resent}" : "") +
                (m.Errors.Count > 0 ? "  errors " + string.Join(", ", m.Errors.Select(e => $"{e.Key} {e.Value}")) : ""));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
