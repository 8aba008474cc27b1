using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChainPos.Connector.Inbound;

/// <summary>Ready when the inbox file can be read; reports the count of events per state (parked ones need a person).</summary>
internal sealed class InboxHealthCheck(Inbox inbox) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var counts = await inbox.CountsAsync();
            var data = counts.ToDictionary(c => c.Key.ToLowerInvariant(), c => (object)c.Value);
            return counts[nameof(InboxState.Parked)] > 0
                ? HealthCheckResult.Degraded($"{counts[nameof(InboxState.Parked)]} parked event(s); see GET /inbox/parked", data: data)
                : HealthCheckResult.Healthy("inbox readable", data);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("the inbox file cannot be read", e);
        }
    }
}
