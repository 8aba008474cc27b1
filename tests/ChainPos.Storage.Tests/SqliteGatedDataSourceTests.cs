using ChainPos.TestSupport;

namespace ChainPos.Storage.Tests;

[Collection(SiloTestGroup.Name)]
public sealed class SqliteGatedDataSourceTests
{
    [Theory]
    [InlineData(true, 2L)]
    [InlineData(false, 1L)]
    public async Task Open_runs_the_pragmas(bool synchronousFull, long expectedSynchronous)
    {
        using var temp = new TempDirectory();
        var path = temp.File("pos.db");
        await SchemaMigrator.ApplySqliteAsync(path);
        var dataSource = new SqliteGatedDataSource(path, synchronousFull);

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.IsAssignableFrom<Microsoft.Data.Sqlite.SqliteConnection>(connection); // Orleans' invariant check
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(expectedSynchronous, await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(5000L, await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task One_connection_at_a_time_until_dispose()
    {
        using var temp = new TempDirectory();
        var path = temp.File("pos.db");
        await SchemaMigrator.ApplySqliteAsync(path);
        var dataSource = new SqliteGatedDataSource(path, synchronousFull: true);

        var first = await dataSource.OpenConnectionAsync();
        var second = dataSource.OpenConnectionAsync().AsTask();
        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var opened = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(System.Data.ConnectionState.Open, opened.State);
    }

    [Fact]
    public async Task The_silo_goes_through_the_gate()
    {
        using var temp = new TempDirectory();
        var path = temp.File("pos.db");
        await SchemaMigrator.ApplySqliteAsync(path);
        var options = new ChainPosStorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = path };
        await using var silo = await TestSilo.StartAsync(options);
        var grain = silo.Grains.GetGrain<IStorageTestGrain>("t:gate");

        // The gate is per file, so holding a connection here blocks the silo's storage.
        var holder = await new SqliteGatedDataSource(path, synchronousFull: true).OpenConnectionAsync();
        var write = grain.AddAsync("a", 1);
        await Task.Delay(200);
        Assert.False(write.IsCompleted);

        await holder.DisposeAsync();
        Assert.Equal(1, await write.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
