using ChainPos.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChainPos.Observability.Tests;

/// <summary>A gateway node's readiness follows its Orleans client's gateway connections.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task ClusterClientCheck_FollowsGatewayConnections()
    {
        var check = new ClusterClientCheck();
        var states = new List<HealthStatus> { await StatusAsync(check) };

        check.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);
        states.Add(await StatusAsync(check));
        check.NotifyGatewayCountChanged(2, 1, connectionRecovered: false);
        states.Add(await StatusAsync(check));
        check.NotifyClusterConnectionLost();
        states.Add(await StatusAsync(check));
        check.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);
        states.Add(await StatusAsync(check));

        Assert.Equal([HealthStatus.Unhealthy, HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Healthy], states);
    }

    private static async Task<HealthStatus> StatusAsync(ClusterClientCheck check) =>
        (await check.CheckHealthAsync(new HealthCheckContext())).Status;
}
