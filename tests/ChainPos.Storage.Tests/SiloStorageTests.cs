using ChainPos.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Storage;

namespace ChainPos.Storage.Tests;

/// <summary>Real silos wired by <see cref="SiloStorageExtensions.UseChainPosStorage"/>, restarted between steps.</summary>
[Collection(SiloTestGroup.Name)]
public sealed class SiloStorageTests
{
    [Fact]
    public async Task Postgres_state_survives_a_full_silo_restart()
    {
        var options = await PostgresOptionsAsync("silo_restart");
        await AssertStateSurvivesRestartAsync(options);

        // System.Text.Json, not Newtonsoft with $type/$id: no CLR type names in the data.
        await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload, 'UTF8') FROM pos_grain_state WHERE grain_key_ext = 't:1'", connection);
        var json = (string?)await command.ExecuteScalarAsync();
        Assert.StartsWith("{\"Total\":13,\"ByLane\":{", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_state_survives_a_full_silo_restart()
    {
        using var temp = new TempDirectory();
        var options = await SqliteOptionsAsync(temp);
        await AssertStateSurvivesRestartAsync(options);
    }

    [Fact]
    public async Task Postgres_stale_etag_raises_InconsistentStateException()
    {
        var options = await PostgresOptionsAsync("silo_etag");
        await AssertStaleEtagThrowsAsync(options, async sql =>
        {
            await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteNonQueryAsync();
        });
    }

    [Fact]
    public async Task Sqlite_stale_etag_raises_InconsistentStateException()
    {
        using var temp = new TempDirectory();
        var options = await SqliteOptionsAsync(temp);
        await AssertStaleEtagThrowsAsync(options, async sql =>
        {
            await using var connection = new SqliteConnection($"Data Source={options.SqlitePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = new SqliteCommand(sql, connection);
            return await command.ExecuteNonQueryAsync();
        });
    }

    [Fact]
    public async Task Postgres_registered_reminder_is_a_row()
    {
        var options = await PostgresOptionsAsync("silo_reminder");
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await silo.Grains.GetGrain<IStorageTestGrain>("t:rem").RegisterReminderAsync("close-day");
        }

        await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_id, reminder_name, period_ms, service_id FROM pos_reminder", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.EndsWith("/t:rem", reader.GetString(0), StringComparison.Ordinal);
        Assert.Equal("close-day", reader.GetString(1));
        Assert.Equal(600_000L, reader.GetInt64(2));
        Assert.Equal(options.ServiceId, reader.GetString(3));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Sqlite_registered_reminder_is_a_row()
    {
        using var temp = new TempDirectory();
        var options = await SqliteOptionsAsync(temp);
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await silo.Grains.GetGrain<IStorageTestGrain>("t:rem").RegisterReminderAsync("close-day");
        }

        await using var connection = new SqliteConnection($"Data Source={options.SqlitePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT reminder_name, period_ms FROM pos_reminder", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("close-day", reader.GetString(0));
        Assert.Equal(600_000L, reader.GetInt64(1));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Memory_provider_starts_and_keeps_state_while_running()
    {
        var options = new ChainPosStorageOptions { Provider = StorageProvider.Memory };
        await using var silo = await TestSilo.StartAsync(options);
        var grain = silo.Grains.GetGrain<IStorageTestGrain>("t:mem");

        Assert.Equal(3, await grain.AddAsync("a", 3));
        Assert.Equal(3, (await grain.GetAsync()).Total);
    }

    internal static async Task<ChainPosStorageOptions> PostgresOptionsAsync(string databasePrefix)
    {
        var pg = await PostgresServer.SharedAsync();
        var db = await pg.CreateDatabaseAsync($"{databasePrefix}_{Guid.NewGuid():N}");
        await SchemaMigrator.ApplyPostgresAsync(db);
        return new ChainPosStorageOptions
        {
            Provider = StorageProvider.Postgres,
            PostgresConnectionString = db,
            ClusterId = "test-cluster",
            ServiceId = "test-service",
        };
    }

    private static async Task<ChainPosStorageOptions> SqliteOptionsAsync(TempDirectory temp)
    {
        var path = temp.File("pos.db");
        await SchemaMigrator.ApplySqliteAsync(path);
        return new ChainPosStorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = path, ServiceId = "test-service" };
    }

    internal static async Task AssertStateSurvivesRestartAsync(ChainPosStorageOptions options)
    {
        await using (var silo = await TestSilo.StartAsync(options))
        {
            var grain = silo.Grains.GetGrain<IStorageTestGrain>("t:1");
            await grain.AddAsync("lane-a", 5);
            await grain.AddAsync("lane-b", 7);
            Assert.Equal(13, await grain.AddAsync("lane-a", 1));
            // Hex-looking keys turn into integer keys with no extension: a different row, not a collision.
            Assert.Equal(2, await silo.Grains.GetGrain<IStorageTestGrain>("20235").AddAsync("x", 2));
        }

        await using (var silo = await TestSilo.StartAsync(options))
        {
            var state = await silo.Grains.GetGrain<IStorageTestGrain>("t:1").GetAsync();
            Assert.True(state.RecordExists);
            Assert.Equal("3", state.ETag);
            Assert.Equal(13, state.Total);
            Assert.Equal(new Dictionary<string, int> { ["lane-a"] = 6, ["lane-b"] = 7 }, state.ByLane);
            Assert.Equal(["lane-a+5", "lane-b+7", "lane-a+1"], state.History);
            Assert.Equal(new StorageTestLine("lane-a", 1.25m), state.Last);
            Assert.Equal(2, (await silo.Grains.GetGrain<IStorageTestGrain>("20235").GetAsync()).Total);
            Assert.False((await silo.Grains.GetGrain<IStorageTestGrain>("t:never").GetAsync()).RecordExists);
        }
    }

    private static async Task AssertStaleEtagThrowsAsync(ChainPosStorageOptions options, Func<string, Task<int>> executeSql)
    {
        await using var silo = await TestSilo.StartAsync(options);
        var grain = silo.Grains.GetGrain<IStorageTestGrain>("t:etag");
        Assert.Equal(1, await grain.AddAsync("a", 1));

        // Another writer (a second activation somewhere) moved the row on.
        Assert.Equal(1, await executeSql("UPDATE pos_grain_state SET version = version + 1 WHERE state_name = 'storage-test-counter'"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAsync("a", 1));
        // The failed activation is dropped; the next one re-reads the row (version 2) and writes on top of it.
        Assert.Equal(2, await grain.AddAsync("a", 1));
        Assert.Equal("3", (await grain.GetAsync()).ETag);
    }
}

[CollectionDefinition(Name)]
public sealed class SiloTestGroup
{
    public const string Name = "silos";
}
