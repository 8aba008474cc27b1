using System.Net;
using ChainPos.Gateway.Backoffice;
using ChainPos.Gateway.Hosting;
using ChainPos.Grains.Hosting;
using ChainPos.ServiceDefaults;
using ChainPos.Silo.Demo;
using ChainPos.Silo.Hosting;
using ChainPos.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Orleans.Dashboard;

namespace ChainPos.Silo;

/// <summary>Builds the ChainPos process: silo, co-hosted gateway, or gateway alone (see <see cref="NodeRole"/>).</summary>
public static class ChainPosApp
{
    /// <summary>Builds the app from args and configuration (appsettings, CHAINPOS__* environment variables, command line).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json ships beside the binary; relative data paths still resolve against the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        var storage = builder.Configuration.GetSection("ChainPos:Storage").Get<ChainPosStorageOptions>() ?? new ChainPosStorageOptions();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(storage));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(node));
        var demo = builder.Configuration.GetValue("ChainPos:Demo:Seed", false);
        if (demo)
        {
            DemoCredentials.AddTo(builder.Configuration, storage);
        }

        ConfigureKestrel(builder, node);
        var dashboard = OrleansDashboardExtensions.IsEnabled(builder.Configuration);
        if (node.Role != NodeRole.Gateway)
        {
            builder.Services.AddHostedService<SchemaMigrationService>();
            builder.UseOrleans(silo =>
            {
                silo.UseChainPosStorage(storage, node.SiloPort, node.GatewayPort)
                    .AddChainPosGrains(o => builder.Configuration.GetSection("ChainPos:Checkout").Bind(o))
                    .AddSampledCallTracing();
                silo.UseNodeIdentity(node);
                if (dashboard)
                {
                    silo.AddDashboard();
                }
            });
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.UseChainPosClustering(storage, node.GatewayPort).AddSampledCallTracing();
                if (dashboard)
                {
                    client.AddDashboard();
                }
            });
        }

        if (node.Role != NodeRole.Silo)
        {
            builder.AddChainPosGateway();
        }

        if (demo && node.Role != NodeRole.Gateway)
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        builder.AddChainPosReadiness(node.Role);
        if (dashboard)
        {
            builder.AddDashboardCredentials(node.Role);
        }

        var app = builder.Build();
        if (node.Role != NodeRole.Silo)
        {
            app.MapChainPosGateway();
            // The back office (page + JSON API) answers on the HTTP/1.1 port only, like metrics.
            app.MapChainPosBackoffice(context => context.Connection.LocalPort == HttpAddress(app).Port);
        }

        // Metrics and health answer on the HTTP/1.1 operations port only, never on the gRPC port.
        app.MapDefaultEndpoints(context => context.Connection.LocalPort == HttpAddress(app).Port);
        if (dashboard)
        {
            app.MapChainPosDashboard(context => context.Connection.LocalPort == HttpAddress(app).Port);
        }

        return app;
    }

    /// <summary>The bound gRPC endpoint, once the app has started.</summary>
    public static Uri GrpcAddress(WebApplication app) => BoundAddress(app, GrpcEndpointName);

    /// <summary>The bound HTTP/1.1 endpoint (metrics, health), once the app has started.</summary>
    public static Uri HttpAddress(WebApplication app) => BoundAddress(app, HttpEndpointName);

    private const string GrpcEndpointName = "grpc";
    private const string HttpEndpointName = "http";

    private static void ConfigureKestrel(WebApplicationBuilder builder, NodeOptions node)
    {
        var address = IPAddress.Parse(node.ListenAddress);
        var ports = new BoundPorts();
        builder.Services.AddSingleton(ports);
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (node.Role != NodeRole.Silo)
            {
                k.Listen(address, node.GrpcPort, l =>
                {
                    l.Protocols = HttpProtocols.Http2;
                    ports.Grpc = l;
                });
            }

            k.Listen(address, node.HttpPort, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                ports.Http = l;
            });
        });
    }

    private static Uri BoundAddress(WebApplication app, string which)
    {
        var ports = app.Services.GetRequiredService<BoundPorts>();
        var endpoint = (which == GrpcEndpointName ? ports.Grpc : ports.Http)
            ?? throw new InvalidOperationException($"This node has no {which} endpoint.");

        // Kestrel replaces the listen endpoint with the bound one, so port 0 reads as the real port after start.
        return endpoint.IPEndPoint is { Port: > 0 } bound
            ? new Uri($"http://{bound.Address}:{bound.Port}")
            : throw new InvalidOperationException("The app has not started yet.");
    }

    private sealed class BoundPorts
    {
        public ListenOptions? Grpc { get; set; }

        public ListenOptions? Http { get; set; }
    }
}
