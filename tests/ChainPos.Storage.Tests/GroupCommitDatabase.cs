using System.Data.Common;
using System.Globalization;
using System.Text;
using ChainPos.Storage.GroupCommit;
using ChainPos.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace ChainPos.Storage.Tests;

/// <summary>
/// A migrated database (a fresh PostgreSQL database on the shared server, or a SQLite temp file) and a factory
/// of group-commit providers on it, wired as the silo wires them (System.Text.Json + <see cref="GrainStateJson"/>).
/// </summary>
internal sealed class GroupCommitDatabase : IAsyncDisposable
{
    public const string Postgres = "postgres";
    public const string Sqlite = "sqlite";
    public const string ServiceId = "gc-service";

    private static readonly IActivatorProvider Activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    private readonly List<GroupCommitGrainStorage> _storages = [];
    private readonly TempDirectory? _temp;
    private readonly Func<string, IGroupCommitStore> _createStore;
    private readonly Func<DbConnection> _connect;

    private GroupCommitDatabase(
        string kind, Func<string, IGroupCommitStore> createStore, Func<string, Task<int>> execute, Func<DbConnection> connect, TempDirectory? temp)
    {
        Kind = kind;
        _createStore = createStore;
        ExecuteAsync = execute;
        _connect = connect;
        _temp = temp;
    }

    public string Kind { get; }

    /// <summary>Runs SQL on its own connection; returns the affected row count.</summary>
    public Func<string, Task<int>> ExecuteAsync { get; }

    /// <summary>Runs a query on its own connection; returns its first column as text (a blob as UTF-8).</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = _connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var value = reader.GetValue(0);
            rows.Add(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        }

        return rows;
    }

    public static IGrainStorageSerializer Serializer { get; } = CreateSerializer();

    public static async Task<GroupCommitDatabase> CreateAsync(string kind)
    {
        if (kind == Postgres)
        {
            var pg = await PostgresServer.SharedAsync();
            var db = await pg.CreateDatabaseAsync($"gc_{Guid.NewGuid():N}");
            await SchemaMigrator.ApplyPostgresAsync(db);
            return ForPostgres(db);
        }

        var temp = new TempDirectory();
        var path = temp.File("pos.db");
        await SchemaMigrator.ApplySqliteAsync(path);
        return new GroupCommitDatabase(
            Sqlite,
            serviceId => new SqliteGroupCommitStore(new SqliteGatedDataSource(path, synchronousFull: true), serviceId),
            async sql =>
            {
                await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
                await connection.OpenAsync();
                await using var command = new SqliteCommand(sql, connection);
                return await command.ExecuteNonQueryAsync();
            },
            () => new SqliteConnection($"Data Source={path};Pooling=False"),
            temp);
    }

    /// <summary>Providers on an existing, migrated PostgreSQL database.</summary>
    public static GroupCommitDatabase ForPostgres(string connectionString) => new(
        Postgres,
        serviceId => new PostgresGroupCommitStore(PostgresConnectionStrings.Tune(connectionString), serviceId, maxConcurrentBatches: 2),
        async sql =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteNonQueryAsync();
        },
        () => new NpgsqlConnection(connectionString),
        temp: null);

    /// <summary>A new provider with its own connections (disposed with this object).</summary>
    public GroupCommitGrainStorage CreateStorage(int maxWrites = 512, int maxConcurrentBatches = 2, string serviceId = ServiceId)
    {
        var storage = new GroupCommitGrainStorage(
            "pos",
            _createStore(serviceId),
            new GroupCommitLimits(maxWrites, GroupCommitLimits.DefaultMaxBytes, maxConcurrentBatches),
            Serializer,
            Activators,
            NullLogger<GroupCommitGrainStorage>.Instance);
        _storages.Add(storage);
        return storage;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }

        _temp?.Dispose();
    }

    private static SystemTextJsonGrainStorageSerializer CreateSerializer()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        GrainStateJson.Configure(options.JsonSerializerOptions);
        return new SystemTextJsonGrainStorageSerializer(Options.Create(options));
    }
}
