using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ChainPos.ServiceDefaults;

/// <summary>What every ChainPos process adds, in the eShop ServiceDefaults shape.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds OpenTelemetry (traces, metrics, logs with trace ids; OTLP when <c>ChainPos:Telemetry:OtlpEndpoint</c>
    /// or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; a Prometheus scrape endpoint) and the liveness check.
    /// Readiness checks are the host's: tag them <see cref="HealthTags.Ready"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddChainPosOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/metrics</c> (Prometheus), <c>/healthz</c> (liveness) and <c>/readyz</c> (liveness and readiness
    /// checks). <paramref name="allowed"/> says which connections may reach them (e.g. only the operations
    /// port); other connections get 404. Without it every connection may.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, Func<HttpContext, bool>? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (allowed is not null)
        {
            OpsEndpoints.Guard(app, allowed);
        }

        app.MapPrometheusScrapingEndpoint(OpsEndpoints.Metrics).WithMetadata(OpsEndpoints.Marker);
        app.MapHealthChecks(OpsEndpoints.Live, new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthTags.Live) })
            .WithMetadata(OpsEndpoints.Marker);
        app.MapHealthChecks(OpsEndpoints.Ready, new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthTags.Live) || r.Tags.Contains(HealthTags.Ready) })
            .WithMetadata(OpsEndpoints.Marker);
        return app;
    }
}
