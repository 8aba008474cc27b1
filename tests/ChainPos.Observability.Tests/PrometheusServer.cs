using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ChainPos.TestSupport;

namespace ChainPos.Observability.Tests;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c> package) on a free loopback port, with its config and
/// TSDB in a temp folder, scraping one target every second. Dispose to stop it and delete the folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _folder;
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly HttpClient _http;

    private PrometheusServer(TempDirectory folder, Process process, StringBuilder log, int port)
    {
        _folder = folder;
        _process = process;
        _log = log;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s <c>/metrics</c> every second; returns once it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri target)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing: run tests/run.sh, which installs Debian's 'prometheus' package (apt-get install --no-install-recommends prometheus).");
        }

        var folder = new TempDirectory("chainpos-prometheus");
        await File.WriteAllTextAsync(folder.File("prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: chainpos
                static_configs:
                  - targets: ['{target.Authority}']
            """);

        // A free port can be taken between probing and binding: try another one.
        for (var attempt = 1; ; attempt++)
        {
            var port = NodeSettings.FreePort();
            var log = new StringBuilder();
            var process = Start(folder, port, log);
            var server = new PrometheusServer(folder, process, log, port);
            if (await server.WaitUntilReadyAsync())
            {
                return server;
            }

            await server.StopProcessAsync();
            server._http.Dispose();
            if (attempt == 3 || !server.Log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                folder.Dispose();
                throw new InvalidOperationException($"Prometheus did not become ready within {StartTimeout}:{Environment.NewLine}{server.Log}");
            }
        }
    }

    /// <summary>Prometheus' output so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Evaluates an instant PromQL query; the single sample's value, or null when the result is empty.</summary>
    public async Task<double?> QueryAsync(string promQl)
    {
        using var response = await _http.GetAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(promQl), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Query {promQl} failed: {body}");
        }

        var result = root.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() switch
        {
            0 => null,
            1 => double.Parse(result[0].GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"Query {promQl} returned {result.GetArrayLength()} series: {body}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        _http.Dispose();
        _folder.Dispose();
    }

    private static Process Start(TempDirectory folder, int port, StringBuilder log)
    {
        var startInfo = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + folder.File("prometheus.yml"),
            "--storage.tsdb.path=" + folder.File("data"),
            $"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        DataReceivedEventHandler append = (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout && !_process.HasExited)
        {
            try
            {
                using var ready = await _http.GetAsync(new Uri("/-/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private async Task StopProcessAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: Prometheus shuts down cleanly; SIGKILL only if it does not within 5 s.
            _ = NativeMethods.Kill(_process.Id, NativeMethods.SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}
