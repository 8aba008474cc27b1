using ChainPos.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChainPos.Storage.Tests;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task ApplyPostgresAsync_twice_succeeds_and_stores_every_query()
    {
        var pg = await PostgresServer.SharedAsync();
        var db = await pg.CreateDatabaseAsync("migrate_twice");

        await SchemaMigrator.ApplyPostgresAsync(db);
        await SchemaMigrator.ApplyPostgresAsync(db);

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        Assert.Equal(ExpectedQueries.Postgres.Order(StringComparer.Ordinal), await ReadKeysAsync(connection));
        await using var version = new NpgsqlCommand(
            "SELECT version, applied_at <= last_applied_at, count(*) OVER () FROM pos_schema_version", connection);
        await using var reader = await version.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(SchemaMigrator.CurrentVersion, reader.GetInt32(0));
        Assert.True(reader.GetBoolean(1));
        Assert.Equal(1L, reader.GetInt64(2));
    }

    [Fact]
    public async Task ApplyPostgresAsync_from_several_processes_at_once_does_not_race()
    {
        var pg = await PostgresServer.SharedAsync();
        var db = await pg.CreateDatabaseAsync("migrate_concurrent");

        // Without the advisory lock, concurrent CREATE TABLE IF NOT EXISTS fails with a duplicate pg_type key.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SchemaMigrator.ApplyPostgresAsync(db))));

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        Assert.Equal(ExpectedQueries.Postgres.Length, (await ReadKeysAsync(connection)).Count);
    }

    [Fact]
    public async Task ApplyPostgresAsync_refuses_a_newer_schema()
    {
        var pg = await PostgresServer.SharedAsync();
        var db = await pg.CreateDatabaseAsync("migrate_newer");
        await SchemaMigrator.ApplyPostgresAsync(db);
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand($"INSERT INTO pos_schema_version(version) VALUES ({SchemaMigrator.CurrentVersion + 1})", connection);
            await bump.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.ApplyPostgresAsync(db));
        Assert.Contains($"schema version {SchemaMigrator.CurrentVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplySqliteAsync_twice_creates_folder_and_file_and_stores_every_query()
    {
        using var temp = new TempDirectory();
        var path = temp.File(Path.Combine("nested", "folder", "pos.db"));

        await SchemaMigrator.ApplySqliteAsync(path);
        await SchemaMigrator.ApplySqliteAsync(path);

        Assert.True(File.Exists(path));
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal(ExpectedQueries.Sqlite.Order(StringComparer.Ordinal), await ReadKeysAsync(connection));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)SchemaMigrator.CurrentVersion, await ScalarAsync(connection, "SELECT version FROM pos_schema_version"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM pos_schema_version"));
    }

    [Fact]
    public async Task ApplySqliteAsync_refuses_a_newer_schema()
    {
        using var temp = new TempDirectory();
        var path = temp.File("pos.db");
        await SchemaMigrator.ApplySqliteAsync(path);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await ScalarAsync(connection, $"INSERT INTO pos_schema_version(version) VALUES ({SchemaMigrator.CurrentVersion + 1})");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.ApplySqliteAsync(path));
        Assert.Contains($"schema version {SchemaMigrator.CurrentVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPostgresAsync_moves_grain_payloads_from_pglz_to_lz4_and_old_values_stay_readable()
    {
        var pg = await PostgresServer.SharedAsync();
        var db = await pg.CreateDatabaseAsync("migrate_lz4");
        await SchemaMigrator.ApplyPostgresAsync(db);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        Assert.Equal(["l", "l"], await PayloadCompressionAsync(connection));

        // A database made before the change: pglz, with a compressed row in it.
        var compressible = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"sku\":\"SKU-1\",\"qty\":1}", 400)));
        await ExecuteAsync(connection, "ALTER TABLE pos_grain_state_gc ALTER COLUMN payload SET COMPRESSION pglz; " +
            "ALTER TABLE pos_grain_entry_gc ALTER COLUMN payload SET COMPRESSION pglz");
        await InsertStateAsync(connection, "register/old", compressible);
        Assert.Equal(["p", "p"], await PayloadCompressionAsync(connection));

        await SchemaMigrator.ApplyPostgresAsync(db);

        Assert.Equal(["l", "l"], await PayloadCompressionAsync(connection));
        await InsertStateAsync(connection, "register/new", compressible);
        await using var read = new NpgsqlCommand(
            "SELECT grain_id, pg_column_compression(payload), payload FROM pos_grain_state_gc WHERE service_id = 'lz4' ORDER BY grain_id", connection);
        await using var reader = await read.ExecuteReaderAsync();
        var rows = new List<(string Grain, string Method, byte[] Payload)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader[2]));
        }

        Assert.Equal([("register/new", "lz4"), ("register/old", "pglz")], rows.Select(r => (r.Grain, r.Method)));
        Assert.All(rows, r => Assert.Equal(compressible, r.Payload));
    }

    private static async Task<List<string>> PayloadCompressionAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT attcompression::text FROM pg_attribute WHERE attname = 'payload' " +
            "AND attrelid IN ('pos_grain_state_gc'::regclass, 'pos_grain_entry_gc'::regclass) ORDER BY attrelid::regclass::text", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var methods = new List<string>();
        while (await reader.ReadAsync())
        {
            methods.Add(reader.GetString(0));
        }

        return methods;
    }

    private static async Task InsertStateAsync(NpgsqlConnection connection, string grainId, byte[] payload)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO pos_grain_state_gc(service_id, state_name, grain_id, payload, version) VALUES ('lz4', 'state', @grain, @payload, 1)", connection);
        insert.Parameters.AddWithValue("grain", grainId);
        insert.Parameters.AddWithValue("payload", payload);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ReadKeysAsync(System.Data.Common.DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        // ORDER BY collation differs between the databases; compare in ordinal order.
        return [.. keys.Order(StringComparer.Ordinal)];
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
