using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChainPos.Silo.Hosting;

/// <summary>Ready when this silo is an active member of the cluster (not joining, not shutting down).</summary>
internal sealed class SiloActiveCheck(ISiloStatusOracle silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = silo.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active.")
            : HealthCheckResult.Unhealthy($"The silo is {status}."));
    }
}
