using System.Diagnostics;
using System.Globalization;

namespace ChainPos.TestSupport;

/// <summary>
/// Runs PostgreSQL's command-line tools, as the <c>postgres</c> OS user when this process is root
/// (<c>initdb</c> and <c>postgres</c> refuse to run as root).
/// </summary>
internal sealed class OsCommand
{
    private readonly string[] _prefix;

    private OsCommand(string[] prefix)
    {
        _prefix = prefix;
    }

    /// <summary>True when commands run as the <c>postgres</c> user rather than as this process's user.</summary>
    public bool RunsAsOtherUser => _prefix.Length > 0;

    public static OsCommand ForPostgresUser()
    {
        if (EffectiveUserId() != 0)
        {
            return new OsCommand([]);
        }

        if (!File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                "Running as root, but there is no `postgres` OS user to run PostgreSQL as. Run `apt-get install -y postgresql` (it creates the user).");
        }

        var runuser = new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists);
        if (runuser is not null)
        {
            return new OsCommand([runuser, "-u", "postgres", "--"]);
        }

        var setpriv = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Running as root, but neither runuser nor setpriv is available to switch to the postgres user.");
        return new OsCommand([setpriv, "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]);
    }

    /// <summary>Makes <paramref name="path"/> (recursively) owned by the postgres user, if commands run as it.</summary>
    public Task GiveToPostgresAsync(string path, CancellationToken ct) => RunsAsOtherUser
        ? RunCoreAsync("chown", ["-R", "postgres:postgres", path], path, TimeSpan.FromSeconds(30), ct)
        : Task.CompletedTask;

    public Task RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken ct) =>
        _prefix.Length == 0
            ? RunCoreAsync(fileName, arguments, workingDirectory, timeout, ct)
            : RunCoreAsync(_prefix[0], [.. _prefix[1..], fileName, .. arguments], workingDirectory, timeout, ct);

    private static async Task RunCoreAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory, // the postgres user may not be allowed into our current directory
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A PG* variable from the environment must not redirect the tools to another server.
        foreach (var name in new[] { "PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGDATABASE" })
        {
            startInfo.Environment.Remove(name);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"`{fileName} {string.Join(' ', arguments)}` did not finish within {timeout}.");
        }

        var output = (await stdout + await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', arguments)}` exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {output}");
        }
    }

    private static int EffectiveUserId()
    {
        // "Uid:\t<real>\t<effective>\t<saved>\t<filesystem>"
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = line?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 3 } && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            ? uid
            : Environment.UserName == "root" ? 0 : -1;
    }
}
