using System.Net;
using Orleans.Configuration;

namespace ChainPos.Silo.Hosting;

/// <summary>How this silo presents itself to the cluster: the advertised address and the silo name, when configured.</summary>
internal static class NodeIdentityExtensions
{
    public static ISiloBuilder UseNodeIdentity(this ISiloBuilder silo, NodeOptions node)
    {
        if (!string.IsNullOrWhiteSpace(node.AdvertisedAddress))
        {
            var address = IPAddress.TryParse(node.AdvertisedAddress, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ChainPos:AdvertisedAddress must be an IP address (got '{node.AdvertisedAddress}').");
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = address);
        }

        if (!string.IsNullOrWhiteSpace(node.SiloName))
        {
            silo.Configure<SiloOptions>(o => o.SiloName = node.SiloName);
        }

        return silo;
    }
}
