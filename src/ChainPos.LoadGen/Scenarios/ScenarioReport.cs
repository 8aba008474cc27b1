using System.Text.Json;
using ChainPos.LoadGen.Metrics;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>The JSON result of one scenario: each system's figures, the ChainPos ÷ baseline ratio and any broken invariant.</summary>
internal sealed record ScenarioReport(
    string Scenario, DateTimeOffset At, object Parameters, IReadOnlyList<RunSummary> Runs, double? Ratio, IReadOnlyDictionary<string, IReadOnlyList<string>> BrokenInvariants,
    IReadOnlyDictionary<string, double>? Extra = null, string RatioLabel = "ChainPos ÷ baseline", string? RatioOf = null)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public bool Passed => BrokenInvariants.Values.All(b => b.Count == 0);

    /// <summary>Prints the ratio and the checks (invariants, errors), writes the JSON file, and returns the exit code: 0, or 3 when a check failed.</summary>
    public async Task<int> FinishAsync(string? path)
    {
        if (Ratio is { } ratio)
        {
            // RatioOf names the figures when the ratio is not of the runs' headline rates (a flash sale's rate until sold out).
            Console.WriteLine($"{Scenario}: {RatioLabel} = {ratio:F2}× ({RatioOf ?? string.Join(" vs ", Runs.Select(r => $"{r.System} {r.HeadlinePerSecond:F0} {r.Headline}/s"))})");
        }

        foreach (var (system, broken) in BrokenInvariants)
        {
            if (broken.Count == 0)
            {
                Console.WriteLine($"[{system}] checks pass");
                continue;
            }

            Console.Error.WriteLine($"[{system}] CHECKS FAILED ({broken.Count}):");
            foreach (var line in broken)
            {
                Console.Error.WriteLine("  " + line);
            }
        }

        if (path is not null)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Indented));
            Console.WriteLine($"Result written to {Path.GetFullPath(path)}");
        }

        return Passed ? 0 : 3;
    }
}
