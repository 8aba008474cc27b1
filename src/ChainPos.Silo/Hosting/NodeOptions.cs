namespace ChainPos.Silo.Hosting;

/// <summary>What this process runs.</summary>
public enum NodeRole
{
    /// <summary>Silo with the gRPC gateway co-hosted (the default, and the embedded single-node mode).</summary>
    AllInOne = 1,

    /// <summary>A silo only (no gRPC): scale grains separately from the front door.</summary>
    Silo = 2,

    /// <summary>The gRPC gateway only, as an Orleans client of the cluster (PostgreSQL clustering).</summary>
    Gateway = 3,
}

/// <summary>Section ChainPos: role and ports of this process.</summary>
public sealed class NodeOptions
{
    public const string Section = "ChainPos";

    public NodeRole Role { get; set; } = NodeRole.AllInOne;

    /// <summary>Orleans silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port (used by separate gateway processes).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>gRPC over cleartext HTTP/2 (h2c); 0 picks a free port. Put TLS in front (ingress) in production.</summary>
    public int GrpcPort { get; set; } = 5080;

    /// <summary>HTTP/1.1 port for health and, later, metrics and web pages; 0 picks a free port.</summary>
    public int HttpPort { get; set; } = 5081;

    /// <summary>Address to listen on; loopback by default so a demo is not exposed by accident.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// IP address this silo advertises to the cluster (its row in the membership table). Unset: Orleans picks the
    /// first non-loopback interface. Kubernetes: the pod IP (downward API); one machine: <c>127.0.0.1</c>.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Silo name shown in the membership table and the dashboard (Kubernetes: the pod name). Unset: Orleans' default.</summary>
    public string? SiloName { get; set; }
}
