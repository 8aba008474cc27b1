using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>One real all-in-one node (memory storage, free ports) for the offline-sale API tests, seeded through the API.</summary>
public sealed class SyncNodeFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private GrpcChannel? _channel;

    internal Clients Admin { get; private set; } = null!;

    internal Clients Agent { get; private set; } = null!;

    internal Clients OtherAgent { get; private set; } = null!;

    internal Clients ReturnsAgent { get; private set; } = null!;

    /// <summary>The node's gRPC address, for a real agent process (registers R10 and R11 are left to agents).</summary>
    internal string GrpcUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(NodeSettings.AllInOne()
            .WithCredential("admin", AdminSecret, "Admin")
            .WithCredential("s1", StoreSecret, "Store", Store)
            .WithCredential("s2", OtherStoreSecret, "Store", OtherStore)
            .WithCredential("s4", ReturnsStoreSecret, "Store", ReturnsStore)));
        await _app.StartAsync();
        GrpcUrl = ChainPosApp.GrpcAddress(_app).ToString().TrimEnd('/');
        _channel = GrpcChannel.ForAddress(GrpcUrl);
        Admin = new Clients(_channel, AdminSecret);
        Agent = new Clients(_channel, StoreSecret);
        OtherAgent = new Clients(_channel, OtherStoreSecret);
        ReturnsAgent = new Clients(_channel, ReturnsStoreSecret);
        await SeedAsync(Admin, ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11"]);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SyncNodeCollection : ICollectionFixture<SyncNodeFixture>
{
    public const string Name = "sync-node";
}
