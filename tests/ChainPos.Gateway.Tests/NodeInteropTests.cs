using System.Diagnostics;
using System.Globalization;
using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>
/// Interop: a Node.js client (@grpc/grpc-js, loading protos/ as they are) drives the web shop's API of the real
/// all-in-one app (its own instance: memory storage, free ports). The script is tests/interop-node/commerce-interop.mjs;
/// tests/run.sh installs its packages (npm ci).
/// </summary>
public sealed class NodeInteropTests : IAsyncLifetime
{
    private const long Units = 10;
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        _app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(Settings()));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task CommerceService_NodeGrpcJsClient_AllChecksPass()
    {
        var interop = Path.Combine(RepoRoot(), "tests", "interop-node");
        Assert.True(
            Directory.Exists(Path.Combine(interop, "node_modules", "@grpc", "grpc-js")) && Directory.Exists(Path.Combine(interop, "node_modules", "@grpc", "proto-loader")),
            $"{interop}/node_modules is missing: run tests/run.sh (it runs npm ci in tests/interop-node)");
        var address = ChainPosApp.GrpcAddress(_app!);
        using var channel = GrpcChannel.ForAddress(address);
        var admin = new Clients(channel, AdminSecret);
        var store = "NODE-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(store, ["R1"]) });
        var skus = await Shop.ProductsAsync(admin, 2, (store, Units));

        var (exitCode, output) = await RunNodeAsync(interop, address, skus, store);

        Assert.True(exitCode == 0, $"node commerce-interop.mjs exited with {exitCode}:\n{output}");
        Assert.Contains("all 10 checks passed", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string interop, Uri address, string[] skus, string store)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = interop,
        };
        startInfo.ArgumentList.Add("commerce-interop.mjs");
        startInfo.ArgumentList.Add(address.ToString());
        startInfo.Environment["CHAINPOS_COMMERCE_SECRET"] = CommerceSecret;
        startInfo.Environment["CHAINPOS_SKUS"] = string.Join(',', skus);
        startInfo.Environment["CHAINPOS_STORE"] = store;
        startInfo.Environment["CHAINPOS_UNITS"] = Units.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment.Remove("NODE_OPTIONS");

        Process? started;
        try
        {
            started = Process.Start(startInfo);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Could not start `node` (Node.js 20+ must be on PATH for the interop test).", e);
        }

        using var process = started ?? throw new InvalidOperationException("Could not start `node`.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"node commerce-interop.mjs did not finish within {ScriptTimeout}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"--- stdout\n{await stdout}--- stderr\n{await stderr}");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChainPos.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ChainPos.sln above {AppContext.BaseDirectory}.");
    }

    private static NodeSettings Settings() => NodeSettings.AllInOne()
        .WithCredential("admin", AdminSecret, "Admin")
        .WithCredential("commerce", CommerceSecret, "Commerce");
}
