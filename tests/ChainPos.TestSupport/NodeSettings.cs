using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChainPos.TestSupport;

/// <summary>
/// Configuration for a ChainPos node started inside a test (pass it to AddInMemoryCollection): quiet logs,
/// free loopback ports (gRPC and HTTP bound to port 0), no demo data, and the credentials the test adds.
/// </summary>
public sealed class NodeSettings : IEnumerable<KeyValuePair<string, string?>>
{
    private readonly Dictionary<string, string?> _values;
    private int _credentials;

    private NodeSettings(string role, string provider, string? postgresConnectionString)
    {
        _values = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["ChainPos:Role"] = role,
            ["ChainPos:Storage:Provider"] = provider,
            ["ChainPos:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["ChainPos:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["ChainPos:GrpcPort"] = "0",
            ["ChainPos:HttpPort"] = "0",
            ["ChainPos:Demo:Seed"] = "false",
        };
        if (postgresConnectionString is not null)
        {
            _values["ChainPos:Storage:PostgresConnectionString"] = postgresConnectionString;
        }
    }

    /// <summary>Silo and gateway in one node, grain state in memory.</summary>
    public static NodeSettings AllInOne() => new("AllInOne", "Memory", null);

    /// <summary>A node of the given role (AllInOne, Silo or Gateway) on a PostgreSQL database.</summary>
    public static NodeSettings OnPostgres(string role, string connectionString) => new(role, "Postgres", connectionString);

    /// <summary>Adds a bearer credential (role Admin, Commerce or Store; a store credential names its store).</summary>
    public NodeSettings WithCredential(string name, string secret, string role, string? storeId = null)
    {
        var prefix = $"ChainPos:Auth:Credentials:{_credentials++}:";
        _values[prefix + "Name"] = name;
        _values[prefix + "Secret"] = secret;
        _values[prefix + "Role"] = role;
        if (storeId is not null)
        {
            _values[prefix + "StoreId"] = storeId;
        }

        return this;
    }

    /// <summary>Sets (or overrides) any other key.</summary>
    public NodeSettings With(string key, string? value)
    {
        _values[key] = value;
        return this;
    }

    /// <summary>
    /// A loopback port that was free a moment ago, below Linux's ephemeral range (32768 and up): a port the kernel
    /// handed out would be just as free for the next outgoing connection of a busy node, which can take it before the
    /// process this port is for binds it ("address already in use").
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free loopback port found between 20000 and 32000.");
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
