using ChainPos.Storage.GroupCommit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace ChainPos.Storage;

/// <summary>Silo wiring for ChainPos clustering, grain storage and reminders.</summary>
public static class SiloStorageExtensions
{
    /// <summary>
    /// Configures the silo's cluster identity, clustering, the <see cref="StorageNames.Grains"/> grain storage,
    /// reminders and the System.Text.Json grain-state serializer for <paramref name="options"/>.
    /// <list type="bullet">
    /// <item><see cref="StorageProvider.Postgres"/>: ADO.NET clustering, grain storage and reminders (invariant
    /// <c>Npgsql</c>, connection string passed through <see cref="PostgresConnectionStrings.Tune"/>); the silo and
    /// gateway ports are set, the advertised address is left to the host.</item>
    /// <item><see cref="StorageProvider.Sqlite"/>: localhost clustering; ADO.NET grain storage and reminders on
    /// the file (invariant <c>System.Data.SQLite</c>, one gated connection at a time, pragmas on open).</item>
    /// <item><see cref="StorageProvider.Memory"/>: localhost clustering, memory grain storage and reminders.</item>
    /// </list>
    /// It touches no database: run <see cref="SchemaMigrator"/> first.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="options">Storage settings.</param>
    /// <param name="siloPort">Silo-to-silo port.</param>
    /// <param name="gatewayPort">Client gateway port.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder UseChainPosStorage(
        this ISiloBuilder silo, ChainPosStorageOptions options, int siloPort = 11111, int gatewayPort = 30000)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        switch (options.Provider)
        {
            case StorageProvider.Postgres:
                var connectionString = PostgresConnectionStrings.Tune(RequirePostgres(options));
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = siloPort;
                    o.GatewayPort = gatewayPort;
                });
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = AdoNetInvariants.Postgres;
                    o.ConnectionString = connectionString;
                });
                break;
            case StorageProvider.Sqlite:
            case StorageProvider.Memory:
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider.");
        }

        return silo.UseChainPosPersistence(options);
    }

    /// <summary>
    /// Grain state as ChainPos stores it: System.Text.Json with <see cref="GrainStateJson"/> (no CLR type names, get-only
    /// collections filled in place, empty default collections left out). Part of <see cref="UseChainPosPersistence"/>;
    /// hosts with storage of their own (the grain tests' memory storage) use it to store state exactly as production.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder UseChainPosGrainStateJson(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o => GrainStateJson.Configure(o.JsonSerializerOptions));
        return silo;
    }

    /// <summary>
    /// The persistence half of <see cref="UseChainPosStorage"/>: the System.Text.Json grain-state serializer, the
    /// <see cref="StorageNames.Grains"/> grain storage and the reminder service for <paramref name="options"/>
    /// (PostgreSQL and SQLite through the ADO.NET providers, or memory), wired exactly as there. With
    /// <see cref="ChainPosStorageOptions.GroupCommit"/> the grain storage on PostgreSQL and SQLite is the group-commit
    /// provider instead (same name, same serializer; reminders unchanged). It configures no
    /// clustering, no endpoints and no cluster identity: for hosts that bring their own membership, such as the
    /// in-process test cluster. Such a host must keep its <c>ServiceId</c> across restarts, because the service id
    /// is part of every grain-state and reminder key. It touches no database: run <see cref="SchemaMigrator"/> first.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="options">Storage settings (<see cref="ChainPosStorageOptions.ClusterId"/> and <see cref="ChainPosStorageOptions.ServiceId"/> are not used).</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder UseChainPosPersistence(this ISiloBuilder silo, ChainPosStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);

        silo.UseChainPosGrainStateJson();
        switch (options.Provider)
        {
            case StorageProvider.Postgres:
                UsePostgres(silo, options);
                break;
            case StorageProvider.Sqlite:
                UseSqlite(silo, options);
                break;
            case StorageProvider.Memory:
                silo.AddMemoryGrainStorage(StorageNames.Grains);
                silo.UseInMemoryReminderService();
                silo.Services.AddSingleton<IStoredGrainKeys, NoStoredGrainKeys>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider.");
        }

        return silo;
    }

    private static void UsePostgres(ISiloBuilder silo, ChainPosStorageOptions options)
    {
        var connectionString = PostgresConnectionStrings.Tune(RequirePostgres(options));
        AddStoredGrainKeys(silo, SqlStoredGrainKeys.Postgres(connectionString), postgres: true);
        if (options.GroupCommit)
        {
            var limits = GroupCommitLimits.From(options);
            AddGroupCommitStorage(silo, limits, serviceId => new PostgresGroupCommitStore(connectionString, serviceId, limits.MaxConcurrentBatches));
        }
        else
        {
            silo.AddAdoNetGrainStorage(AdoNetGrainStorageName, o =>
            {
                o.Invariant = AdoNetInvariants.Postgres;
                o.ConnectionString = connectionString;
            });
            AddSnapshotStorage(silo);
        }

        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariants.Postgres;
            o.ConnectionString = connectionString;
        });
    }

    private static void UseSqlite(ISiloBuilder silo, ChainPosStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            throw new ArgumentException("SqlitePath is required for the Sqlite storage provider.", nameof(options));
        }

        // One data source for storage and reminders: they share the file's gate. Orleans does not dispose it,
        // and it holds nothing that needs disposing (pooled connections are returned on close).
        var dataSource = new SqliteGatedDataSource(Path.GetFullPath(options.SqlitePath), options.SqliteSynchronousFull);
        AddStoredGrainKeys(silo, dataSource, postgres: false);
        if (options.GroupCommit)
        {
            AddGroupCommitStorage(silo, GroupCommitLimits.From(options), serviceId => new SqliteGroupCommitStore(dataSource, serviceId));
        }
        else
        {
            silo.AddAdoNetGrainStorage(AdoNetGrainStorageName, o =>
            {
                o.Invariant = AdoNetInvariants.Sqlite;
                o.DataSource = dataSource;
            });
            AddSnapshotStorage(silo);
        }

        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariants.Sqlite;
            o.DataSource = dataSource;
        });
    }

    // The ADO.NET provider is registered under its own name and reached through SnapshotGrainStorage, which grains use
    // as "grains". Rows are keyed by service, grain type and grain id, not by provider name: the data layout is unchanged.
    private const string AdoNetGrainStorageName = StorageNames.Grains + "-adonet";

    private static void AddSnapshotStorage(ISiloBuilder silo) =>
        silo.Services.AddGrainStorage(StorageNames.Grains, (sp, _) => new SnapshotGrainStorage(
            sp.GetRequiredKeyedService<IGrainStorage>(AdoNetGrainStorageName),
            sp.GetRequiredService<DeepCopier>()));

    // The provider takes the service id from ClusterOptions (as the ADO.NET provider does) and the serializer Orleans
    // is configured with (System.Text.Json above); it joins the silo lifecycle, which drains its queue on stop.
    private static void AddGroupCommitStorage(ISiloBuilder silo, GroupCommitLimits limits, Func<string, IGroupCommitStore> createStore) =>
        silo.Services.AddGrainStorage(StorageNames.Grains, (sp, name) => new GroupCommitGrainStorage(
            name,
            createStore(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId),
            limits,
            sp.GetRequiredService<IGrainStorageSerializer>(),
            sp.GetRequiredService<IActivatorProvider>(),
            sp.GetRequiredService<ILogger<GroupCommitGrainStorage>>()));

    private static void AddStoredGrainKeys(ISiloBuilder silo, System.Data.Common.DbDataSource dataSource, bool postgres) =>
        silo.Services.AddSingleton<IStoredGrainKeys>(sp =>
            new SqlStoredGrainKeys(dataSource, () => sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, postgres));

    internal static string RequirePostgres(ChainPosStorageOptions options) =>
        string.IsNullOrWhiteSpace(options.PostgresConnectionString)
            ? throw new ArgumentException("PostgresConnectionString is required for the Postgres storage provider.", nameof(options))
            : options.PostgresConnectionString;
}
