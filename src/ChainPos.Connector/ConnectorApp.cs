using System.Net;
using ChainPos.Connector.Inbound;
using ChainPos.Connector.Outbound;
using ChainPos.ServiceDefaults;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChainPos.Connector;

/// <summary>Builds the connector process: the order webhook and inbox worker, the stock feed, health and metrics.</summary>
public static class ConnectorApp
{
    /// <summary>Builds the app from args and configuration (appsettings.json, <c>Connector__*</c> environment variables, command line).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.Services.Configure<ConnectorOptions>(builder.Configuration.GetSection(ConnectorOptions.Section));
        var options = builder.Configuration.GetSection(ConnectorOptions.Section).Get<ConnectorOptions>() ?? new ConnectorOptions();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.ListenAddress), options.Port));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConnectorDatabase>();
        builder.Services.AddSingleton<Inbox>();
        builder.Services.AddSingleton<InboxSignal>();
        builder.Services.AddSingleton<CursorStore>();
        builder.Services.AddSingleton<Gateway>();
        builder.Services.AddSingleton<OrderApplier>();
        builder.Services.AddHttpClient(StockFeed.HttpClientName, c => c.Timeout = options.CallTimeout);
        builder.Services.AddHostedService<InboxWorker>();
        builder.Services.AddHostedService<InboxPruner>();
        builder.Services.AddHostedService<StockFeed>();
        builder.Services.AddHealthChecks().AddCheck<InboxHealthCheck>("inbox", tags: [HealthTags.Ready]);

        var app = builder.Build();
        app.MapConnectorEndpoints();
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>The bound HTTP address, once the app has started.</summary>
    public static Uri Address(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The connector has not started yet.");
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
