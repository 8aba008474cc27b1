using ChainPos.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Storage;

namespace ChainPos.Storage.Tests;

/// <summary>Real silos wired by <see cref="SiloStorageExtensions.UseChainPosStorage"/> with <see cref="ChainPosStorageOptions.GroupCommit"/>.</summary>
[Collection(SiloTestGroup.Name)]
public sealed class GroupCommitSiloTests
{
    [Fact]
    public async Task Postgres_state_survives_a_full_silo_restart_through_group_commit()
    {
        var options = await SiloStorageTests.PostgresOptionsAsync("gc_silo_restart");
        options.GroupCommit = true;
        await SiloStorageTests.AssertStateSurvivesRestartAsync(options);

        await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT grain_id, service_id, version, convert_from(payload, 'UTF8'), (SELECT count(*) FROM pos_grain_state)
            FROM pos_grain_state_gc WHERE grain_id LIKE '%/t:1'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("storagetest/t:1", "test-service", 3), (reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        Assert.StartsWith("{\"Total\":13,\"ByLane\":{", reader.GetString(3), StringComparison.Ordinal);
        Assert.DoesNotContain("$type", reader.GetString(3), StringComparison.Ordinal);
        Assert.Equal(0L, reader.GetInt64(4)); // nothing went through the ADO.NET provider's table
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Sqlite_state_survives_a_full_silo_restart_through_group_commit()
    {
        using var temp = new TempDirectory();
        var path = temp.File("pos.db");
        await SchemaMigrator.ApplySqliteAsync(path);
        var options = new ChainPosStorageOptions
        {
            Provider = StorageProvider.Sqlite, SqlitePath = path, ServiceId = "test-service", GroupCommit = true,
        };
        await SiloStorageTests.AssertStateSurvivesRestartAsync(options);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            "SELECT count(*), (SELECT count(*) FROM pos_grain_state) FROM pos_grain_state_gc", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((2L, 0L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task Postgres_stale_etag_through_group_commit_raises_InconsistentStateException()
    {
        var options = await SiloStorageTests.PostgresOptionsAsync("gc_silo_etag");
        options.GroupCommit = true;
        await using var silo = await TestSilo.StartAsync(options);
        var grain = silo.Grains.GetGrain<IStorageTestGrain>("t:etag");
        Assert.Equal(1, await grain.AddAsync("a", 1));

        await using (var connection = new NpgsqlConnection(options.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand("UPDATE pos_grain_state_gc SET version = version + 1", connection);
            Assert.Equal(1, await bump.ExecuteNonQueryAsync());
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAsync("a", 1));
        Assert.Equal(2, await grain.AddAsync("a", 1));
        Assert.Equal("3", (await grain.GetAsync()).ETag);
    }
}
