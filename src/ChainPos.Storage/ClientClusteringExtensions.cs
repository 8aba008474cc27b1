using Orleans.Configuration;

namespace ChainPos.Storage;

/// <summary>Client wiring: how an Orleans client finds the ChainPos cluster.</summary>
public static class ClientClusteringExtensions
{
    /// <summary>
    /// Points the client at the cluster described by <paramref name="options"/>: on
    /// <see cref="StorageProvider.Postgres"/> it reads the gateway list from the ADO.NET membership table,
    /// otherwise it connects to the localhost gateway on <paramref name="gatewayPort"/>. Sets the cluster identity.
    /// </summary>
    /// <param name="client">The client builder.</param>
    /// <param name="options">Storage settings (the same ones the silos use).</param>
    /// <param name="gatewayPort">Localhost gateway port (ignored on PostgreSQL).</param>
    /// <returns>The same builder.</returns>
    public static IClientBuilder UseChainPosClustering(this IClientBuilder client, ChainPosStorageOptions options, int gatewayPort = 30000)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);

        if (options.Provider == StorageProvider.Postgres)
        {
            var connectionString = PostgresConnectionStrings.Tune(SiloStorageExtensions.RequirePostgres(options));
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoNetInvariants.Postgres;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            client.UseLocalhostClustering(gatewayPort, options.ServiceId, options.ClusterId);
        }

        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        return client;
    }
}
