using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChainPos.ServiceDefaults;

/// <summary>
/// The operations endpoints (metrics, liveness, readiness) and the guard that keeps them off every
/// connection the host does not allow: the gRPC port faces store agents, so revenue by store must not be
/// readable there.
/// </summary>
public static class OpsEndpoints
{
    public const string Metrics = "/metrics";
    public const string Live = "/healthz";
    public const string Ready = "/readyz";

    private const string GrpcHealth = "/grpc.health.v1.Health";

    /// <summary>Endpoint metadata that marks an operations endpoint.</summary>
    internal static object Marker { get; } = new OpsEndpointMetadata();

    /// <summary>Probes and scrapes: answered, but not traced (they would drown the traces that matter).</summary>
    public static bool IsProbe(PathString path) =>
        path == Metrics || path == Live || path == Ready || path.StartsWithSegments(GrpcHealth, StringComparison.Ordinal);

    /// <summary>Answers 404 for an operations endpoint reached on a connection <paramref name="allowed"/> refuses.</summary>
    internal static void Guard(WebApplication app, Func<HttpContext, bool> allowed) =>
        app.Use(next => context =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<OpsEndpointMetadata>() is not null && !allowed(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });

    private sealed class OpsEndpointMetadata;
}
