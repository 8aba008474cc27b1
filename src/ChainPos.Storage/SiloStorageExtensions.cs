using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;

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
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o => GrainStateJson.Configure(o.JsonSerializerOptions));

        switch (options.Provider)
        {
            case StorageProvider.Postgres:
                UsePostgres(silo, options, siloPort, gatewayPort);
                break;
            case StorageProvider.Sqlite:
                UseSqlite(silo, options, siloPort, gatewayPort);
                break;
            case StorageProvider.Memory:
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Grains);
                silo.UseInMemoryReminderService();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider.");
        }

        return silo;
    }

    private static void UsePostgres(ISiloBuilder silo, ChainPosStorageOptions options, int siloPort, int gatewayPort)
    {
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
        silo.AddAdoNetGrainStorage(StorageNames.Grains, o =>
        {
            o.Invariant = AdoNetInvariants.Postgres;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariants.Postgres;
            o.ConnectionString = connectionString;
        });
    }

    private static void UseSqlite(ISiloBuilder silo, ChainPosStorageOptions options, int siloPort, int gatewayPort)
    {
        if (string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            throw new ArgumentException("SqlitePath is required for the Sqlite storage provider.", nameof(options));
        }

        // One data source for storage and reminders: they share the file's gate. Orleans does not dispose it,
        // and it holds nothing that needs disposing (pooled connections are returned on close).
        var dataSource = new SqliteGatedDataSource(Path.GetFullPath(options.SqlitePath), options.SqliteSynchronousFull);
        silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        silo.AddAdoNetGrainStorage(StorageNames.Grains, o =>
        {
            o.Invariant = AdoNetInvariants.Sqlite;
            o.DataSource = dataSource;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariants.Sqlite;
            o.DataSource = dataSource;
        });
    }

    internal static string RequirePostgres(ChainPosStorageOptions options) =>
        string.IsNullOrWhiteSpace(options.PostgresConnectionString)
            ? throw new ArgumentException("PostgresConnectionString is required for the Postgres storage provider.", nameof(options))
            : options.PostgresConnectionString;
}
