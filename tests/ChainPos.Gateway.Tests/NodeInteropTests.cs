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
        var interop = Path.Combine(RepoPaths.Root, "tests", "interop-node");
        Assert.True(
            Directory.Exists(Path.Combine(interop, "node_modules", "@grpc", "grpc-js")) && Directory.Exists(Path.Combine(interop, "node_modules", "@grpc", "proto-loader")),
            $"{interop}/node_modules is missing: run tests/run.sh (it runs npm ci in tests/interop-node)");
        var address = ChainPosApp.GrpcAddress(_app!);
        using var channel = GrpcChannel.ForAddress(address);
        var admin = new Clients(channel, AdminSecret);
        var store = "NODE-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(store, ["R1"]) });
        var skus = await Shop.ProductsAsync(admin, 2, (store, Units));

        var (exitCode, output) = await NodeScript.RunAsync(
            interop,
            "commerce-interop.mjs",
            [address.ToString()],
            new Dictionary<string, string>
            {
                ["CHAINPOS_COMMERCE_SECRET"] = CommerceSecret,
                ["CHAINPOS_SKUS"] = string.Join(',', skus),
                ["CHAINPOS_STORE"] = store,
                ["CHAINPOS_UNITS"] = Units.ToString(CultureInfo.InvariantCulture),
            },
            ScriptTimeout);

        Assert.True(exitCode == 0, $"node commerce-interop.mjs exited with {exitCode}:\n{output}");
        Assert.Contains("all 10 checks passed", output, StringComparison.Ordinal);
    }

    private static NodeSettings Settings() => NodeSettings.AllInOne()
        .WithCredential("admin", AdminSecret, "Admin")
        .WithCredential("commerce", CommerceSecret, "Commerce");
}
