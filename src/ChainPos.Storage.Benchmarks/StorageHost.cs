using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace ChainPos.Storage.Benchmarks;

/// <summary>A silo host wired by <see cref="SiloStorageExtensions.UseChainPosPersistence"/>, used only for its grain storage.</summary>
internal sealed class StorageHost : IAsyncDisposable
{
    private readonly IHost _host;

    private StorageHost(IHost host)
    {
        _host = host;
        Storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
    }

    public IGrainStorage Storage { get; }

    public static async Task<StorageHost> StartAsync(ChainPosStorageOptions options)
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(FreePort(), FreePort());
                silo.UseChainPosPersistence(options);
            })
            .Build();
        await host.StartAsync();
        return new StorageHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Npgsql.NpgsqlConnection.ClearAllPools(); // the ADO.NET provider's pool outlives the host; each run has its own database
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
