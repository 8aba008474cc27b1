using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ChainPos.StoreAgent.Tests;

/// <summary>A real all-in-one node on PostgreSQL that can be stopped (the store's link is down) and started again on the same ports and data.</summary>
internal sealed class NodeHost : IAsyncDisposable
{
    private readonly NodeSettings _settings;
    private WebApplication? _app;

    private NodeHost(NodeSettings settings, int grpcPort)
    {
        _settings = settings;
        GrpcUrl = $"http://127.0.0.1:{grpcPort}";
    }

    public string GrpcUrl { get; }

    public static async Task<NodeHost> StartOnNewDatabaseAsync(string name)
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync($"{name}_{Guid.NewGuid().ToString("N")[..8]}");
        var grpcPort = NodeSettings.FreePort();
        var settings = NodeSettings.OnPostgres("AllInOne", database)
            .With("ChainPos:GrpcPort", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithCredential("admin", Chain.AdminSecret, "Admin")
            .WithCredential("s1", Chain.StoreSecret, "Store", Chain.Store)
            .WithCredential("s2", Chain.OtherStoreSecret, "Store", Chain.OtherStore);
        var node = new NodeHost(settings, grpcPort);
        await node.StartAsync();
        return node;
    }

    public async Task StartAsync()
    {
        _app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(_settings));
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Clients on a new channel (the caller disposes it).</summary>
    public (GrpcChannel Channel, Clients Admin) Connect()
    {
        var channel = GrpcChannel.ForAddress(GrpcUrl);
        return (channel, new Clients(channel, Chain.AdminSecret));
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
