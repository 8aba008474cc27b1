using System.Diagnostics;
using System.Globalization;
using System.Net;
using ChainPos.TestSupport;

namespace ChainPos.Operations.Tests;

/// <summary>
/// One real <c>chainpos</c> process (the Silo project's build output, run with <c>dotnet chainpos.dll</c>) on free
/// loopback ports, configured by environment variables as a container would be. Its console output is kept for
/// the failure message.
/// </summary>
internal sealed class ChainPosProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly HttpClient _ops;

    private ChainPosProcess(string name, Process process, Uri grpc, Uri http)
    {
        Name = name;
        _process = process;
        Grpc = grpc;
        Http = http;
        _ops = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(5) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri Grpc { get; }

    public Uri Http { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process printed.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return $"--- {Name} (last {_tail.Count} lines)\n" + string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Starts a node named <paramref name="name"/> with <paramref name="settings"/> (configuration keys; free ports are added).</summary>
    public static ChainPosProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var grpcPort = NodeSettings.FreePort();
        var httpPort = NodeSettings.FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chainpos.dll"));
        var all = new Dictionary<string, string>(settings)
        {
            ["ChainPos:SiloName"] = name,
            ["ChainPos:GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["ChainPos:HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["ChainPos:SiloPort"] = NodeSettings.FreePort().ToString(CultureInfo.InvariantCulture),
            ["ChainPos:GatewayPort"] = NodeSettings.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in all)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start `dotnet chainpos.dll`.");
        return new ChainPosProcess(name, process, new Uri($"http://127.0.0.1:{grpcPort}"), new Uri($"http://127.0.0.1:{httpPort}"));
    }

    /// <summary>Waits until <c>/readyz</c> answers 200 (the silo is Active); fails with the node's output if it exits or time runs out.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !_process.HasExited)
        {
            try
            {
                using var response = await _ops.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow answer while the node starts.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"{Name} did not become ready within {timeout} (exited: {_process.HasExited}).\n{Tail}");
    }

    /// <summary>Stops the node as Kubernetes does: SIGTERM, then the host's graceful shutdown (the silo leaves the cluster).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (NativeMethods.Kill(_process.Id, NativeMethods.SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed.");
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Name} did not stop within {timeout} of SIGTERM.\n{Tail}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _ops.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 60)
            {
                _tail.Dequeue();
            }
        }
    }
}
