using ChainPos.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChainPos.Storage.Tests;

[Collection(SiloTestGroup.Name)]
public sealed class ClientClusteringTests
{
    [Fact]
    public async Task Postgres_client_finds_the_gateway_in_the_membership_table()
    {
        var options = await SiloStorageTests.PostgresOptionsAsync("client_pg");
        await using var silo = await TestSilo.StartAsync(options);

        Assert.Equal(4, await CallThroughClientAsync(options, gatewayPort: 1));
    }

    [Fact]
    public async Task Sqlite_client_uses_the_localhost_gateway()
    {
        using var temp = new TempDirectory();
        var path = temp.File("pos.db");
        await SchemaMigrator.ApplySqliteAsync(path);
        var options = new ChainPosStorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = path };
        await using var silo = await TestSilo.StartAsync(options);

        Assert.Equal(4, await CallThroughClientAsync(options, silo.GatewayPort));
    }

    private static async Task<int> CallThroughClientAsync(ChainPosStorageOptions options, int gatewayPort)
    {
        using var client = new HostBuilder()
            .UseOrleansClient(c => c.UseChainPosClustering(options, gatewayPort))
            .Build();
        await client.StartAsync();
        try
        {
            return await client.Services.GetRequiredService<IClusterClient>()
                .GetGrain<IStorageTestGrain>("t:client").AddAsync("a", 4);
        }
        finally
        {
            await client.StopAsync();
        }
    }
}
