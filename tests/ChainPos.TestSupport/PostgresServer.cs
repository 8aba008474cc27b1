using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace ChainPos.TestSupport;

/// <summary>
/// A real, throwaway PostgreSQL server for tests, built from the Debian binaries
/// (<c>/usr/lib/postgresql/&lt;highest&gt;/bin</c>): a fresh <c>initdb</c> in a temp folder, listening on
/// 127.0.0.1 on a free port (unix socket inside the folder), trust authentication, fsync left on.
/// As root the binaries run as the <c>postgres</c> OS user, which owns the folder.
/// Use <see cref="SharedAsync"/>: one server per test process, stopped and deleted at process exit.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string FolderPrefix = "chainpos-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly OsCommand _runner;
    private readonly string _binDirectory;
    private readonly bool _isShared;
    private int _stopped;

    private PostgresServer(OsCommand runner, string binDirectory, string rootDirectory, int port, bool isShared)
    {
        _runner = runner;
        _binDirectory = binDirectory;
        RootDirectory = rootDirectory;
        Port = port;
        _isShared = isShared;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    /// <summary>Superuser connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The temp folder holding the data directory, socket and log.</summary>
    public string RootDirectory { get; }

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    private string LogFile => Path.Combine(RootDirectory, "postgres.log");

    /// <summary>
    /// The server shared by everything in this process: started on first use, stopped and deleted when the
    /// process exits. Disposing it is a no-op.
    /// </summary>
    /// <returns>The running shared server.</returns>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>Starts a private server; dispose it to stop it and delete its folder.</summary>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException">The PostgreSQL binaries are missing or the server did not start.</exception>
    public static Task<PostgresServer> StartAsync(CancellationToken ct = default) => StartCoreAsync(isShared: false, ct);

    /// <summary>Creates a database and returns a connection string for it.</summary>
    /// <param name="name">Database name: letters, digits and underscores, at most 63 characters.</param>
    /// <returns>A connection string (same server and user) whose database is <paramref name="name"/>.</returns>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name ([A-Za-z_][A-Za-z0-9_]*, at most 63 characters).", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        // Each test database gets its own pool in the test process; close idle connections soon after a
        // test's cluster stops so a whole run's pools never add up to the server's connection limit.
        return new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Database = name,
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        }.ConnectionString;
    }

    /// <summary>Stops the server and deletes its folder (not for the shared server, which stops at process exit).</summary>
    /// <returns>A task that completes when the server is stopped.</returns>
    public ValueTask DisposeAsync()
    {
        if (!_isShared)
        {
            Stop(immediate: false);
        }

        return ValueTask.CompletedTask;
    }

    private static Task<PostgresServer> StartSharedAsync() => StartCoreAsync(isShared: true, CancellationToken.None);

    private static async Task<PostgresServer> StartCoreAsync(bool isShared, CancellationToken ct)
    {
        var binDirectory = FindBinDirectory();
        var runner = OsCommand.ForPostgresUser();
        var baseDirectory = runner.RunsAsOtherUser ? "/tmp" : Path.GetTempPath();
        SweepLeftovers(baseDirectory);

        var root = Path.Combine(baseDirectory, FolderPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct);
        await runner.GiveToPostgresAsync(root, ct);

        try
        {
            var data = Path.Combine(root, "data");
            await runner.RunAsync(Path.Combine(binDirectory, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                root, CommandTimeout, ct);
            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

                # chainpos test server
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '{Path.Combine(root, "sock")}'
                shared_buffers = 64MB
                max_connections = 500
                fsync = on
                """, ct);
        }
        catch
        {
            TryDelete(root);
            throw;
        }

        // A free port can be taken between probing and binding: retry with another one.
        for (var attempt = 1; ; attempt++)
        {
            var server = new PostgresServer(runner, binDirectory, root, FreeLoopbackPort(), isShared);
            try
            {
                await server.StartServerAsync(ct);
                if (isShared)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAtProcessExit();
                }

                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.LogTail().Contains("Address already in use", StringComparison.Ordinal))
            {
            }
            catch
            {
                server.Stop(immediate: true);
                throw;
            }
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        try
        {
            await _runner.RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {Port}", "start"],
                RootDirectory, CommandTimeout, ct);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}postgres.log:{Environment.NewLine}{LogTail()}", e);
        }

        // pg_ctl -w waits for "ready"; still prove a TCP client gets in.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    // Signals the postmaster directly rather than through pg_ctl: waiting on a child process does not
    // complete inside ProcessExit, and the sweep of dead folders shares this code.
    private void Stop(bool immediate)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        StopPostmaster(DataDirectory, immediate);
        TryDelete(RootDirectory);
    }

    // The test host can be killed soon after its exit handlers start, too soon to delete a data directory:
    // signal the postmaster now (instant) and leave the wait-and-delete to a detached shell.
    private void StopAtProcessExit()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (TryReadPostmasterPid(pidFile, out var pid))
        {
            _ = NativeMethods.Kill(pid, NativeMethods.SigQuit);
        }

        var cleanup = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-c",
            """(i=0; while [ -e "$1" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; rm -rf "$2") </dev/null >/dev/null 2>&1 &""",
            "chainpos-pg-cleanup", pidFile, RootDirectory,
        })
        {
            cleanup.ArgumentList.Add(argument);
        }

        try
        {
            Process.Start(cleanup)?.Dispose();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No shell: the next test run's sweep deletes the folder.
        }
    }

    private static void StopPostmaster(string dataDirectory, bool immediate)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!TryReadPostmasterPid(pidFile, out var pid))
        {
            return;
        }

        // SIGINT = "fast" shutdown (checkpoint, clean), SIGQUIT = "immediate" (we delete the data anyway).
        if (NativeMethods.Kill(pid, immediate ? NativeMethods.SigQuit : NativeMethods.SigInt) != 0)
        {
            return; // no such process: it is already gone
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (File.Exists(pidFile) && Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
    }

    private static bool TryReadPostmasterPid(string pidFile, out int pid)
    {
        pid = 0;
        try
        {
            return File.Exists(pidFile)
                && int.TryParse(File.ReadLines(pidFile).FirstOrDefault()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pid)
                && pid > 0
                && Directory.Exists($"/proc/{pid}");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string LogTail()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - 30)));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Ok: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v), Version: v))
                .Where(c => c.Ok && File.Exists(Path.Combine(c.Dir, "initdb")) && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Dir
            : throw new InvalidOperationException(
                $"PostgreSQL server binaries not found under {Root}/<version>/bin. Run `apt-get install -y postgresql` (the test script installs it).");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Folders of test processes that died without their exit handler (killed test host): stop their
    // server if it still runs, then delete them. Folders of live processes are left alone.
    private static void SweepLeftovers(string baseDirectory)
    {
        foreach (var folder in Directory.EnumerateDirectories(baseDirectory, FolderPrefix + "*"))
        {
            try
            {
                var ownerFile = Path.Combine(folder, OwnerFile);
                if (!File.Exists(ownerFile) && Directory.GetCreationTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-10))
                {
                    continue; // just being created by another process
                }

                if (File.Exists(ownerFile) && IsRunning(File.ReadAllText(ownerFile)))
                {
                    continue;
                }

                StopPostmaster(Path.Combine(folder, "data"), immediate: true);
                TryDelete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process's folder in an unexpected state: not ours to fix.
            }
        }
    }

    private static bool IsRunning(string? pidText) =>
        int.TryParse(pidText?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
        && Directory.Exists($"/proc/{pid}");

    private static void TryDelete(string folder)
    {
        // Exiting backends can still drop a file while the tree is being removed: retry briefly.
        for (var attempt = 0; attempt < 5 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(50);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
