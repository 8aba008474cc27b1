using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Reports;
using ChainPos.Gateway.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChainPos.Gateway.Hosting;

/// <summary>Adds and maps the gRPC gateway; the host supplies an Orleans silo or client.</summary>
public static class GatewayExtensions
{
    /// <summary>Largest request accepted (a catalogue CSV of 4 MiB plus framing); bigger ones get ResourceExhausted.</summary>
    public const int MaxRequestBytes = 5 * 1024 * 1024;

    /// <summary>Registers gRPC with the error and auth interceptors, the configured credentials and the gRPC health service.</summary>
    public static IHostApplicationBuilder AddChainPosGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorInterceptor>();
            o.Interceptors.Add<AuthInterceptor>();
            o.MaxReceiveMessageSize = MaxRequestBytes;
            o.EnableDetailedErrors = false;
        });
        // grpc.health.v1 answers from the host's health checks (liveness and readiness), run on each Check.
        builder.Services.AddGrpcHealthChecks();
        builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        builder.Services.AddSingleton<CredentialStore>();
        builder.Services.AddSingleton<ReportQueries>();
        builder.Services.AddSingleton<StockQueries>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Maps every ChainPos gRPC service, and grpc.health.v1.Health (no credential needed).</summary>
    public static IEndpointRouteBuilder MapChainPosGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<CheckoutGrpcService>();
        endpoints.MapGrpcService<CatalogGrpcService>();
        endpoints.MapGrpcService<StockGrpcService>();
        endpoints.MapGrpcService<LoyaltyGrpcService>();
        endpoints.MapGrpcService<GiftCardGrpcService>();
        endpoints.MapGrpcService<StoreAdminGrpcService>();
        endpoints.MapGrpcService<CommerceGrpcService>();
        endpoints.MapGrpcService<DiagnosticsGrpcService>();
        endpoints.MapGrpcService<StoreAgentSyncGrpcService>();
        endpoints.MapGrpcService<ReportsGrpcService>();
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
