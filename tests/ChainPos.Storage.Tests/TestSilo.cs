using System.Net;
using System.Net.Sockets;
using ChainPos.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace ChainPos.Storage.Tests;

/// <summary>A real silo host (no TestingHost) wired only through <see cref="SiloStorageExtensions.UseChainPosStorage"/>.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host, int gatewayPort)
    {
        _host = host;
        GatewayPort = gatewayPort;
    }

    public int GatewayPort { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<TestSilo> StartAsync(ChainPosStorageOptions options)
    {
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseChainPosStorage(options, siloPort, gatewayPort);
                // Tests stay on loopback; a real PostgreSQL deployment advertises the pod/host address.
                silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            })
            .Build();
        await host.StartAsync();
        return new TestSilo(host, gatewayPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
