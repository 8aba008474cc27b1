using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>
/// <c>chainpos-load plot RESULTS_DIR IMAGES_DIR [LABEL]</c>: draws each scenario's latency percentile distribution
/// (HDR style: percentile on a "number of nines" axis, latency on a log axis), one line per system and
/// method, into IMAGES_DIR/&lt;scenario&gt;-latency.png with gnuplot (Debian package gnuplot-nox).
/// </summary>
internal static class LatencyPlot
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: chainpos-load plot RESULTS_DIR IMAGES_DIR [LABEL]");
            return 2;
        }

        Directory.CreateDirectory(args[1]);
        var drawn = 0;
        foreach (var file in Directory.GetFiles(args[0], "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var scenario = json.RootElement.GetProperty("Scenario").GetString()!;
            var label = args.Length > 2 && args[2].Length > 0 ? ", " + args[2].Replace("'", "", StringComparison.Ordinal) : "";
            var script = Script(json.RootElement, scenario, Path.GetFullPath(Path.Combine(args[1], scenario + "-latency.png")), Path.GetDirectoryName(Path.GetFullPath(file))!, label);
            if (script is null)
            {
                continue;
            }

            var scriptPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, scenario + "-latency.gp");
            await File.WriteAllTextAsync(scriptPath, script);
            if (!await Gnuplot.DrawAsync(scriptPath))
            {
                return 1;
            }

            Console.WriteLine($"plot: {Path.Combine(args[1], scenario + "-latency.png")}");
            drawn++;
        }

        return drawn > 0 ? 0 : 1;
    }

    /// <summary>The gnuplot script for one scenario's result, with one data file per line written beside it; null when there is nothing to draw.</summary>
    internal static string? Script(JsonElement result, string scenario, string png, string dataDir, string label)
    {
        var plots = new List<string>();
        foreach (var run in result.GetProperty("Runs").EnumerateArray())
        {
            var system = run.GetProperty("System").GetString()!;
            foreach (var method in run.GetProperty("Methods").EnumerateArray())
            {
                var name = method.GetProperty("Method").GetString()!;
                if (method.GetProperty("Calls").GetInt64() == 0)
                {
                    continue;
                }

                var data = new StringBuilder();
                foreach (var point in method.GetProperty("Distribution").EnumerateArray())
                {
                    var q = point.GetProperty("Percentile").GetDouble();
                    var x = 1.0 / Math.Max(1e-6, 1 - (q / 100));
                    data.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{x:R} {Math.Max(0.001, point.GetProperty("Ms").GetDouble()):R}"));
                }

                var dataFile = Path.Combine(dataDir, $"{scenario}-{system}-{name.Replace(' ', '_').Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal)}.dat");
                File.WriteAllText(dataFile, data.ToString());
                plots.Add($"'{dataFile}' using 1:2 with lines lw 2 dt {(system == "baseline" ? 2 : 1)} title '{system} {name}'");
            }
        }

        if (plots.Count == 0)
        {
            return null;
        }

        return $"""
            set terminal pngcairo size 900,540 enhanced font 'sans,10'
            set output '{png}'
            set title '{scenario}: latency by percentile ({result.GetProperty("At").GetDateTimeOffset():yyyy-MM-dd HH:mm} UTC{label})'
            set logscale x
            set logscale y
            set xrange [1:100000]
            set xtics ('0%%' 1, '90%%' 10, '99%%' 100, '99.9%%' 1000, '99.99%%' 10000, '99.999%%' 100000)
            set xlabel 'percentile'
            set ylabel 'latency (ms)'
            set grid
            set key top left
            plot {string.Join(", \\\n     ", plots)}
            """;
    }
}
