using ChainPos.ServiceDefaults;

namespace ChainPos.Silo.Hosting;

/// <summary>Readiness of this node (<c>/readyz</c>, gRPC health): its silo is active, or its cluster client is connected.</summary>
internal static class ReadinessExtensions
{
    public static IHostApplicationBuilder AddChainPosReadiness(this IHostApplicationBuilder builder, NodeRole role)
    {
        var checks = builder.Services.AddHealthChecks();
        if (role == NodeRole.Gateway)
        {
            builder.Services.AddSingleton<ClusterClientCheck>();
            builder.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClusterClientCheck>());
            checks.AddCheck<ClusterClientCheck>("orleans-client", tags: [HealthTags.Ready]);
        }
        else
        {
            checks.AddCheck<SiloActiveCheck>("orleans-silo", tags: [HealthTags.Ready]);
        }

        return builder;
    }
}
