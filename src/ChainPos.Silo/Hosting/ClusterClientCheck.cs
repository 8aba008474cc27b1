using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChainPos.Silo.Hosting;

/// <summary>
/// Ready when the Orleans client of a gateway node is connected to at least one silo gateway. Orleans tells
/// every registered <see cref="IClusterConnectionStatusObserver"/> each time a gateway connection opens or closes.
/// </summary>
internal sealed class ClusterClientCheck : IClusterConnectionStatusObserver, IHealthCheck
{
    private int _gateways;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref _gateways, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _gateways, 0);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var gateways = Volatile.Read(ref _gateways);
        return Task.FromResult(gateways > 0
            ? HealthCheckResult.Healthy($"Connected to {gateways} silo gateway(s).")
            : HealthCheckResult.Unhealthy("Not connected to any silo gateway."));
    }
}
