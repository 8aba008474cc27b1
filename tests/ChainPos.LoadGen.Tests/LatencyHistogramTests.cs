using ChainPos.LoadGen.Metrics;

namespace ChainPos.LoadGen.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Values_below_128_microseconds_are_kept_exactly()
    {
        var h = new LatencyHistogram();
        for (var v = 0; v < 128; v++)
        {
            h.Record(v);
        }

        Assert.Equal(128, h.Count);
        Assert.Equal(63, h.ValueAt(0.5));
        Assert.Equal(127, h.ValueAt(1.0));
        Assert.Equal(0, h.ValueAt(0.0));
    }

    [Fact]
    public void Percentiles_of_a_uniform_spread_are_within_one_sixty_fourth()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 100_000; v++)
        {
            h.Record(v);
        }

        foreach (var (q, exact) in new[] { (0.50, 50_000L), (0.95, 95_000L), (0.99, 99_000L), (0.999, 99_900L) })
        {
            var got = h.ValueAt(q);
            Assert.InRange(got, exact, exact + (exact / 64) + 1);
        }

        Assert.Equal(100_000, h.Max);
        Assert.Equal(100_000, h.ValueAt(1.0));
    }

    [Fact]
    public void Every_value_lands_in_a_bucket_whose_top_is_at_most_one_sixty_fourth_above_it()
    {
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            var v = (long)Math.Pow(10, random.NextDouble() * 12);
            var top = LatencyHistogram.UpperBound(LatencyHistogram.Index(v));
            Assert.True(top >= v && top - v <= (v / 64) + 1, $"value {v} bucket top {top}");
        }
    }

    [Fact]
    public void A_long_tail_shows_in_p99_and_max_but_not_p50()
    {
        var h = new LatencyHistogram();
        for (var i = 0; i < 990; i++)
        {
            h.Record(1_000);
        }

        for (var i = 0; i < 10; i++)
        {
            h.Record(250_000);
        }

        Assert.InRange(h.ValueAt(0.5), 1_000, 1_016);
        Assert.InRange(h.ValueAt(0.99), 1_000, 1_016);
        Assert.InRange(h.ValueAt(0.995), 250_000, 250_000);
        Assert.Equal(250_000, h.Max);
    }

    [Fact]
    public void Concurrent_recording_loses_no_value()
    {
        var h = new LatencyHistogram();
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                h.Record(i % 5_000);
            }
        });

        Assert.Equal(400_000, h.Count);
        Assert.Equal(4_999, h.Max);
    }

    [Fact]
    public void Adding_histograms_combines_counts_and_max()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(20);
        b.Record(3_000_000);
        a.Add(b);
        Assert.Equal(3, a.Count);
        Assert.Equal(3_000_000, a.Max);
        Assert.Equal(20, a.ValueAt(0.5));
    }

    [Fact]
    public void Summary_reports_per_method_rates_refusals_and_errors()
    {
        var metrics = new RunMetrics("test", "CompleteSale");
        metrics.For("CompleteSale").Latency.Record(2_000);
        metrics.For("ReserveStock").Refuse(TimeSpan.FromSeconds(1.5));
        metrics.Fail("CompleteSale", Grpc.Core.StatusCode.Unavailable, "down");
        var summary = RunSummary.From(metrics);
        var sale = Assert.Single(summary.Methods, m => m.Method == "CompleteSale");
        Assert.Equal(1, sale.Calls);
        Assert.Equal(2.0, sale.P99Ms);
        Assert.Equal(1, sale.Errors["Unavailable"]);
        Assert.Equal(1.5, Assert.Single(summary.Methods, m => m.Method == "ReserveStock").FirstRefusalSeconds);
        Assert.Equal(1, summary.Errors);
    }
}
