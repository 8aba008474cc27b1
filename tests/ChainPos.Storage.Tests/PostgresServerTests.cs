using ChainPos.TestSupport;
using Npgsql;

namespace ChainPos.Storage.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Private_server_runs_as_a_real_server_and_is_gone_after_dispose()
    {
        var server = await PostgresServer.StartAsync();
        var root = server.RootDirectory;
        var db = await server.CreateDatabaseAsync("private_check");
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database() || ' ' || current_setting('fsync')", connection);
            Assert.Equal("private_check on", await command.ExecuteScalarAsync());
        }

        await server.DisposeAsync();

        Assert.False(Directory.Exists(root));
        await using var after = new NpgsqlConnection(server.ConnectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.OpenAsync());
    }

    [Fact]
    public async Task CreateDatabaseAsync_rejects_names_that_need_quoting()
    {
        var server = await PostgresServer.SharedAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => server.CreateDatabaseAsync("bad\"name"));
    }
}
