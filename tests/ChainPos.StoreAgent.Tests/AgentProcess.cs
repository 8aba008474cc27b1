using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChainPos.TestSupport;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The real chainpos-agent as a child process on a free loopback port. <see cref="Kill"/> sends SIGKILL:
/// nothing is flushed or shut down, which is what a power cut or a crashed agent looks like. An agent a test never
/// disposed (it failed before it could) is killed when the test process exits, so no agent outlives the run.
/// </summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Process, bool> Running = new();
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    static AgentProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // Already gone.
            }
        }
    };

    private AgentProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The agent's dll, from the same build configuration as this test assembly.</summary>
    public static string AgentDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepoPaths.Root, "src", "ChainPos.StoreAgent", "bin", configuration, "net10.0", "chainpos-agent.dll");
        }
    }

    public static async Task<AgentProcess> StartAsync(string dataDirectory, string gatewayUrl, string secret, string registerId, int? port = null, params string[] extraArgs)
    {
        var agentPort = port ?? NodeSettings.FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            AgentDll, "--Agent:StoreId=" + Chain.Store, "--Agent:RegisterId=" + registerId, "--Agent:Credential=" + secret,
            "--Agent:GatewayUrl=" + gatewayUrl, "--Agent:DataDirectory=" + dataDirectory,
            "--Agent:Port=" + agentPort.ToString(CultureInfo.InvariantCulture), "--Agent:SyncInterval=00:00:00.200",
            "--Agent:CallTimeout=00:00:03", "--Agent:Printer=virtual", "--Logging:LogLevel:Default=Warning",
            "--Logging:Console:FormatterName=simple",
        }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the agent.");
        Running[process] = true;
        var agent = new AgentProcess(process, agentPort);
        process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await agent.WaitOrDisposeAsync(_ => true, "the agent answering /api/status");
        return agent;
    }

    /// <summary>
    /// Starts the agent and waits until it is online with all <paramref name="products"/> of the catalogue (and, with
    /// <paramref name="noShiftOpen"/>, its settings read: no shift open yet). An agent that never gets there is disposed
    /// before the failure is thrown: the caller never holds it.
    /// </summary>
    public static async Task<AgentProcess> StartSyncedAsync(
        string dataDirectory, string gatewayUrl, string registerId, int products, bool noShiftOpen = false, params string[] extraArgs)
    {
        var agent = await StartAsync(dataDirectory, gatewayUrl, Chain.StoreSecret, registerId, null, extraArgs);
        await agent.WaitOrDisposeAsync(
            s => s.GetProperty("online").GetBoolean() && s.GetProperty("catalog").GetProperty("products").GetInt32() == products
                && (!noShiftOpen || s.GetProperty("shift").ValueKind == JsonValueKind.Null),
            "catalogue synced");
        return agent;
    }

    public async Task<JsonElement> StatusAsync() => await Http.GetFromJsonAsync<JsonElement>("api/status");

    /// <summary>Polls the status until <paramref name="done"/> holds; fails with the agent's output when it never does.</summary>
    public async Task<JsonElement> WaitUntilAsync(Func<JsonElement, bool> done, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The agent exited ({_process.ExitCode}) while waiting for {what}:\n{Output}");
            }

            try
            {
                var status = await StatusAsync();
                if (done(status))
                {
                    return status;
                }

                if (clock.Elapsed > limit)
                {
                    throw new TimeoutException($"Waited {limit} for {what}; last status {status}\n{Output}");
                }
            }
            catch (HttpRequestException) when (clock.Elapsed <= limit)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }

    private async Task WaitOrDisposeAsync(Func<JsonElement, bool> done, string what)
    {
        try
        {
            await WaitUntilAsync(done, what);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        Http.Dispose();
        Running.TryRemove(_process, out _);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
