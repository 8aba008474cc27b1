using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>
/// <c>chainpos-load plot-sweep RESULTS_DIR IMAGES_DIR [LABEL]</c>: reads the chain-day results of a caller sweep
/// (<c>sweep.sh</c> writes one <c>chainday-c&lt;callers&gt;.json</c> per caller count), prints a table of each system's
/// sales/s, p50 and p99 by callers, names the highest rate each system kept within the issue's p99 target, and draws
/// p99 (and p50) against sales/s into IMAGES_DIR/chainday-sweep.png with gnuplot.
/// </summary>
internal static class SweepPlot
{
    /// <summary>The benchmark issue's latency target for a chain-day sale.</summary>
    public const double P99TargetMs = 20;

    /// <summary>One system's measured chain day at one caller count.</summary>
    internal sealed record Point(string System, int Callers, double PerSecond, double P50Ms, double P99Ms, bool Passed);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: chainpos-load plot-sweep RESULTS_DIR IMAGES_DIR [LABEL]");
            return 2;
        }

        var points = new List<Point>();
        foreach (var file in Directory.GetFiles(args[0], "chainday-c*.json"))
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            points.AddRange(Read(json.RootElement));
        }

        if (points.Count == 0)
        {
            Console.Error.WriteLine($"No chain-day sweep results (chainday-c<callers>.json) in {args[0]}: run src/ChainPos.LoadGen/sweep.sh first.");
            return 2;
        }

        Console.WriteLine(Table(points));
        Directory.CreateDirectory(args[1]);
        var png = Path.GetFullPath(Path.Combine(args[1], "chainday-sweep.png"));
        var dataDir = Path.GetFullPath(args[0]);
        var label = args.Length > 2 && args[2].Length > 0 ? ", " + args[2].Replace("'", "", StringComparison.Ordinal) : "";
        var scriptPath = Path.Combine(dataDir, "chainday-sweep.gp");
        await File.WriteAllTextAsync(scriptPath, Script(points, png, dataDir, label));
        if (!await Gnuplot.DrawAsync(scriptPath))
        {
            return 1;
        }

        Console.WriteLine($"plot: {Path.Combine(args[1], "chainday-sweep.png")}");
        return points.All(p => p.Passed) ? 0 : 3;
    }

    /// <summary>Each system's headline method (CompleteSale) in one chain-day result.</summary>
    internal static IEnumerable<Point> Read(JsonElement result)
    {
        var callers = result.GetProperty("Parameters").GetProperty("Concurrency").GetInt32();
        var broken = result.GetProperty("BrokenInvariants");
        foreach (var run in result.GetProperty("Runs").EnumerateArray())
        {
            var system = run.GetProperty("System").GetString()!;
            var headline = run.GetProperty("Headline").GetString();
            var method = run.GetProperty("Methods").EnumerateArray().First(m => m.GetProperty("Method").GetString() == headline);
            var passed = !broken.TryGetProperty(system, out var breaks) || breaks.GetArrayLength() == 0;
            yield return new Point(system, callers, run.GetProperty("HeadlinePerSecond").GetDouble(),
                method.GetProperty("P50Ms").GetDouble(), method.GetProperty("P99Ms").GetDouble(), passed);
        }
    }

    /// <summary>The highest rate among a system's runs whose p99 is within <paramref name="p99LimitMs"/>, or null when none is.</summary>
    internal static Point? BestWithin(IEnumerable<Point> points, string system, double p99LimitMs) =>
        points.Where(p => p.System == system && p.Passed && p.P99Ms <= p99LimitMs).MaxBy(p => p.PerSecond);

    /// <summary>A markdown table by callers (ChainPos and baseline side by side) and the within-target summary.</summary>
    internal static string Table(IReadOnlyCollection<Point> points)
    {
        var text = new StringBuilder();
        text.AppendLine("| callers | ChainPos sales/s | p50 | p99 | baseline sales/s | p50 | p99 | ChainPos ÷ baseline |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var callers in points.Select(p => p.Callers).Distinct().Order())
        {
            var ours = points.FirstOrDefault(p => p.Callers == callers && p.System == "chainpos");
            var theirs = points.FirstOrDefault(p => p.Callers == callers && p.System == "baseline");
            var ratio = ours is not null && theirs is not null && theirs.PerSecond > 0 ? F($"{ours.PerSecond / theirs.PerSecond:0.00}×") : "—";
            text.AppendLine(F($"| {callers} | {Cells(ours)} | {Cells(theirs)} | {ratio} |"));
        }

        var best = BestWithin(points, "chainpos", P99TargetMs);
        var bestBaseline = BestWithin(points, "baseline", P99TargetMs);
        text.AppendLine();
        text.AppendLine(F($"Highest rate with CompleteSale p99 ≤ {P99TargetMs:0} ms: ChainPos {Describe(best)}, baseline {Describe(bestBaseline)}") +
            (best is not null && bestBaseline is not null ? F($"; ChainPos ÷ baseline {best.PerSecond / bestBaseline.PerSecond:0.00}×.") : "."));
        if (points.Any(p => !p.Passed))
        {
            text.AppendLine("Invariants broke in: " + string.Join(", ", points.Where(p => !p.Passed).Select(p => F($"{p.System} at {p.Callers} callers"))) +
                " (see that run's output); those runs are left out of the line above.");
        }

        return text.ToString();

        static string Cells(Point? p) => p is null ? "— | — | —" : F($"{p.PerSecond:#,0}{(p.Passed ? "" : " (invariants broke)")} | {p.P50Ms:0.0} ms | {p.P99Ms:0.0} ms");

        static string Describe(Point? p) => p is null ? "none of the runs" : F($"{p.PerSecond:#,0} sales/s ({p.Callers} callers, p99 {p.P99Ms:0.0} ms)");
    }

    /// <summary>The gnuplot script: p99 and p50 against sales/s per system, each point labelled with its callers, the target as a line.</summary>
    internal static string Script(IReadOnlyCollection<Point> points, string png, string dataDir, string label)
    {
        string[] colours = ["#d55e00", "#0072b2", "#009e73"];
        var plots = new List<string>();
        foreach (var (system, index) in points.Select(p => p.System).Distinct().Order(StringComparer.Ordinal).Select((s, i) => (s, i)))
        {
            var data = new StringBuilder();
            foreach (var p in points.Where(p => p.System == system).OrderBy(p => p.Callers))
            {
                data.AppendLine(F($"{p.PerSecond:R} {Math.Max(0.001, p.P99Ms):R} {Math.Max(0.001, p.P50Ms):R} {p.Callers}"));
            }

            var file = Path.Combine(dataDir, $"chainday-sweep-{system}.dat");
            File.WriteAllText(file, data.ToString());
            var style = $"dt {(system == "baseline" ? 2 : 1)} lc rgb '{colours[index % colours.Length]}'";
            plots.Add($"'{file}' using 1:2 with linespoints lw 2 {style} pt 7 title '{system} p99'");
            plots.Add($"'{file}' using 1:2:(sprintf('%d', $4)) with labels offset 0,1 notitle");
            plots.Add($"'{file}' using 1:3 with linespoints lw 1 {style} pt 6 title '{system} p50'");
        }

        plots.Add(F($"{P99TargetMs:0} with lines lc rgb 'red' dt 3 title 'target p99 {P99TargetMs:0} ms'"));
        return $"""
            set terminal pngcairo size 900,540 enhanced font 'sans,10'
            set output '{png}'
            set title 'chainday: CompleteSale latency against sales/s, points labelled with callers{label}'
            set logscale y
            set xlabel 'sales/s'
            set ylabel 'latency (ms)'
            set xrange [0:*]
            set grid
            set key top left
            plot {string.Join(", \\\n     ", plots)}
            """;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
