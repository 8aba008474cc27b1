using ChainPos.Grains.Hosting;
using ChainPos.Storage;
using ChainPos.TestSupport;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace ChainPos.Integration.Tests;

/// <summary>
/// A database on the shared test PostgreSQL with the ChainPos schema (applied by <see cref="SchemaMigrator"/>),
/// and in-process clusters whose grain state and reminders live in it, wired as in production
/// (<see cref="SiloStorageExtensions.UseChainPosPersistence"/>: ADO.NET providers, invariant Npgsql,
/// System.Text.Json state). Membership is the test cluster's own; periods are shortened so a killed silo is
/// declared dead, and a reminder fires, within seconds.
/// </summary>
internal static class PostgresCluster
{
    /// <summary>Bound on any single grain call, so a call whose silo died fails (and is retried) in seconds.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Creates a fresh database named <paramref name="prefix"/>_guid and applies the schema to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}");
        await SchemaMigrator.ApplyPostgresAsync(connectionString);
        return connectionString;
    }

    /// <summary>
    /// The first column of every row <paramref name="sql"/> returns, as text, read straight from the database (no grain
    /// activated); <c>@s</c> in it is <paramref name="serviceId"/>.
    /// </summary>
    public static async Task<List<string>> ReadColumnAsync(string connectionString, string sql, string serviceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("s", serviceId);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>
    /// Starts <paramref name="silos"/> silos and a client on <paramref name="connectionString"/>. Clusters that
    /// should see each other's state (a restart) must share <paramref name="serviceId"/>: it is part of every
    /// grain-state and reminder key. <paramref name="configureSilo"/> adds test-specific silo configuration (after the defaults).
    /// <paramref name="groupCommit"/>: grain state through the group-commit provider (<see cref="ChainPosStorageOptions.GroupCommit"/>).
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(
        string connectionString, string serviceId, short silos = 2, Action<CheckoutOptions>? checkout = null, Action<ISiloBuilder>? configureSilo = null,
        bool groupCommit = false)
    {
        var storage = new ChainPosStorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = connectionString, GroupCommit = groupCommit };
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseChainPosPersistence(storage);
            silo.AddChainPosGrains(o =>
            {
                o.OutboxReminderPeriod = TimeSpan.FromSeconds(3);
                o.OutboxRetryDelay = TimeSpan.FromMilliseconds(250);
                checkout?.Invoke(o);
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 3;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            configureSilo?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The silo that hosts the grain's activation now, or null when it is not active.</summary>
    public static SiloAddress? HostOf(this InProcessTestCluster cluster, IAddressable grain) =>
        cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    /// <summary>Moves the (active) grain's activation to <paramref name="silo"/> unless it is there already, and waits until it is there.</summary>
    public static async Task PlaceOnAsync(this InProcessTestCluster cluster, IAddressable grain, InProcessSiloHandle silo)
    {
        if (!Equals(cluster.HostOf(grain), silo.SiloAddress))
        {
            await cluster.MigrateAsync(grain, silo.SiloAddress);
        }

        var host = await Eventually.UntilAsync(() => Task.FromResult(cluster.HostOf(grain)), h => Equals(h, silo.SiloAddress), TimeSpan.FromSeconds(10));
        if (!Equals(host, silo.SiloAddress))
        {
            throw new InvalidOperationException($"{grain.GetGrainId()} is on {host?.ToString() ?? "no silo"}, not on {silo.SiloAddress}.");
        }
    }
}
