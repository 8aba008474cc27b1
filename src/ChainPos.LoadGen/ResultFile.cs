using System.Text.Json;

namespace ChainPos.LoadGen;

/// <summary>Writes a run's summary as JSON for docs/benchmarks.md and comparisons.</summary>
internal static class ResultFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteAsync(Summary summary, string? path)
    {
        if (path is null)
        {
            return;
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(summary, Indented));
        Console.WriteLine($"Result written to {Path.GetFullPath(path)}");
    }
}
