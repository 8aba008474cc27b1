using System.Diagnostics;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>Runs gnuplot (Debian package gnuplot-nox) on a script the plot verbs wrote.</summary>
internal static class Gnuplot
{
    /// <summary>Draws <paramref name="scriptPath"/>; false (with gnuplot's errors printed) when gnuplot failed.</summary>
    public static async Task<bool> DrawAsync(string scriptPath)
    {
        using var gnuplot = Process.Start(new ProcessStartInfo("gnuplot", [scriptPath]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("gnuplot did not start (apt-get install gnuplot-nox).");
        var errors = await gnuplot.StandardError.ReadToEndAsync();
        await gnuplot.WaitForExitAsync();
        if (gnuplot.ExitCode != 0)
        {
            Console.Error.WriteLine($"gnuplot failed on {scriptPath}: {errors}");
            return false;
        }

        return true;
    }
}
