using System.Diagnostics;

namespace ChainPos.TestSupport;

/// <summary>The result of a Node.js script: its exit code and both output streams, labelled.</summary>
public sealed record NodeScriptResult(int ExitCode, string Output);

/// <summary>Runs a Node.js script of the repository's tests (interop clients, browser tests) and captures what it printed.</summary>
public static class NodeScript
{
    public static async Task<NodeScriptResult> RunAsync(
        string workingDirectory,
        string script,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment.Remove("NODE_OPTIONS");

        Process? started;
        try
        {
            started = Process.Start(startInfo);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Could not start `node` (Node.js 20+ must be on PATH; tests/run.sh installs it).", e);
        }

        using var process = started ?? throw new InvalidOperationException("Could not start `node`.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new NodeScriptResult(-1, $"node {script} did not finish within {timeout}\n--- stdout\n{await stdout}--- stderr\n{await stderr}");
        }

        return new NodeScriptResult(process.ExitCode, $"--- stdout\n{await stdout}--- stderr\n{await stderr}");
    }
}
