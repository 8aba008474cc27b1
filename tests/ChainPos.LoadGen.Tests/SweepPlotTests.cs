using System.Text.Json;
using ChainPos.LoadGen.Scenarios;

namespace ChainPos.LoadGen.Tests;

/// <summary>The caller sweep's reading of chain-day results: which run is the highest rate within the p99 target.</summary>
public class SweepPlotTests
{
    [Fact]
    public void Reads_each_systems_headline_method_and_its_callers()
    {
        var points = SweepPlot.Read(Result(8, chainpos: (900, 4.9, 35.8), baseline: (1_100, 3.1, 12.4))).ToList();

        Assert.Equal(2, points.Count);
        var ours = Assert.Single(points, p => p.System == "chainpos");
        Assert.Equal(8, ours.Callers);
        Assert.Equal(900, ours.PerSecond);
        Assert.Equal(4.9, ours.P50Ms);
        Assert.Equal(35.8, ours.P99Ms);
        Assert.True(ours.Passed);
    }

    [Fact]
    public void The_best_run_within_the_target_is_the_fastest_whose_p99_is_within_it()
    {
        var points = new[] { (2, 320.0, 18.0), (4, 600.0, 19.9), (8, 900.0, 35.8), (16, 1_000.0, 60.0) }
            .SelectMany(r => SweepPlot.Read(Result(r.Item1, chainpos: (r.Item2, 3, r.Item3), baseline: (r.Item2 * 2, 2, r.Item3 / 2))))
            .ToList();

        var ours = SweepPlot.BestWithin(points, "chainpos", SweepPlot.P99TargetMs);
        var theirs = SweepPlot.BestWithin(points, "baseline", SweepPlot.P99TargetMs);

        Assert.Equal(4, ours?.Callers);
        Assert.Equal(8, theirs?.Callers);
        var table = SweepPlot.Table(points);
        Assert.Contains("| 8 | 900 | 3.0 ms | 35.8 ms | 1,800 | 2.0 ms | 17.9 ms | 0.50× |", table, StringComparison.Ordinal);
        Assert.Contains("ChainPos 600 sales/s (4 callers, p99 19.9 ms), baseline 1,800 sales/s (8 callers, p99 17.9 ms); ChainPos ÷ baseline 0.33×.", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_whose_invariants_broke_is_named_and_never_the_best()
    {
        var points = SweepPlot.Read(Result(2, chainpos: (500, 2, 9), baseline: (400, 2, 8), chainposBroken: true)).ToList();

        Assert.Null(SweepPlot.BestWithin(points, "chainpos", SweepPlot.P99TargetMs));
        var table = SweepPlot.Table(points);
        Assert.Contains("ChainPos none of the runs, baseline 400 sales/s", table, StringComparison.Ordinal);
        Assert.Contains("Invariants broke in: chainpos at 2 callers", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plot_draws_both_systems_and_the_target_line()
    {
        var points = SweepPlot.Read(Result(4, chainpos: (600, 3, 19), baseline: (800, 2, 9))).ToList();
        var dir = Directory.CreateTempSubdirectory("sweep-plot").FullName;
        try
        {
            var script = SweepPlot.Script(points, Path.Combine(dir, "out.png"), dir, ", test");

            Assert.Contains("chainpos p99", script, StringComparison.Ordinal);
            Assert.Contains("baseline p99", script, StringComparison.Ordinal);
            Assert.Contains("20 with lines", script, StringComparison.Ordinal);
            Assert.Equal("600 19 3 4", File.ReadAllText(Path.Combine(dir, "chainday-sweep-chainpos.dat")).Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static JsonElement Result(int callers, (double Rate, double P50, double P99) chainpos, (double Rate, double P50, double P99) baseline, bool chainposBroken = false)
    {
        var json = JsonSerializer.Serialize(new
        {
            Scenario = "chainday",
            Parameters = new { Concurrency = callers },
            Runs = new[] { Run("chainpos", chainpos), Run("baseline", baseline) },
            BrokenInvariants = new Dictionary<string, string[]>
            {
                ["chainpos"] = chainposBroken ? ["stock conservation: S1/SKU1 off by 1"] : [],
                ["baseline"] = [],
            },
        });
        return JsonDocument.Parse(json).RootElement.Clone();

        static object Run(string system, (double Rate, double P50, double P99) r) => new
        {
            System = system,
            Headline = "CompleteSale",
            HeadlinePerSecond = r.Rate,
            Methods = new object[]
            {
                new { Method = "ReturnItems", P50Ms = 99.0, P99Ms = 999.0 },
                new { Method = "CompleteSale", P50Ms = r.P50, P99Ms = r.P99 },
            },
        };
    }
}
