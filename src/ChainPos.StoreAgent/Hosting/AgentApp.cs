using System.Net;
using System.Text.Json;
using ChainPos.ServiceDefaults;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Devices;
using ChainPos.StoreAgent.Offline;
using ChainPos.StoreAgent.Selling;
using ChainPos.StoreAgent.Hardware.Payments;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Hosting;

/// <summary>Builds the agent: options, SQLite, the platform client, selling, the sync loops, the local API and UI.</summary>
internal static class AgentApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["ChainPos:Telemetry:ServiceName"] ??= "chainpos-agent";
        var options = builder.Configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
        ResolveCredential(options);
        Validate(options);
        builder.Services.AddSingleton(Options.Create(options));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.AddServiceDefaults();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AgentDatabase>();
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddSingleton<SaleJournal>();
        builder.Services.AddSingleton<ShiftStore>();
        builder.Services.AddSingleton<StaffStore>();
        builder.Services.AddSingleton<LinkState>();
        builder.Services.AddSingleton<PlatformClient>();
        builder.Services.AddSingleton<AgentMetrics>();
        builder.Services.AddSingleton<Sessions>();
        builder.Services.AddSingleton<LocalPricer>();
        builder.Services.AddSingleton<ReceiptPrinting>();
        builder.Services.AddSingleton<AllowanceStore>();
        builder.Services.AddSingleton<AllowanceService>();
        builder.Services.AddSingleton<StockQuotaStore>();
        builder.Services.AddSingleton<StockQuotaService>();
        builder.Services.AddSingleton<ILeaseUpkeep>(sp => sp.GetRequiredService<AllowanceService>());
        builder.Services.AddSingleton<ILeaseUpkeep>(sp => sp.GetRequiredService<StockQuotaService>());
        builder.Services.AddSingleton<SaleService>();
        builder.Services.AddSingleton<ShiftService>();
        builder.Services.AddSingleton<SuspendService>();
        builder.Services.AddSingleton<ReturnService>();
        builder.Services.AddSingleton<NoSaleService>();
        builder.Services.AddSingleton<JournalSync>();
        builder.Services.AddSingleton<CatalogSync>();
        builder.Services.AddSingleton(new SimulatedCardTerminalOptions { OfflineFloorLimit = options.OfflineCardFloorLimit });
        builder.Services.AddSingleton<ICardTerminal>(sp => new SimulatedCardTerminal(sp.GetRequiredService<SimulatedCardTerminalOptions>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JournalSync>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogSync>());
        builder.Services.AddHostedService<LeaseKeeper>();
        builder.Services.AddAgentDevices();

        var app = builder.Build();
        app.Services.GetRequiredService<AgentMetrics>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapDefaultEndpoints();
        app.MapRegisterApi();
        app.MapDeviceApi();
        return app;
    }

    private static void ResolveCredential(AgentOptions options)
    {
        if (options.Credential.Length > 0 || options.DemoCredentialsFile is not { Length: > 0 } file)
        {
            return;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        options.Credential = json.RootElement.GetProperty("Stores").TryGetProperty(options.StoreId, out var secret)
            ? secret.GetString() ?? ""
            : throw new InvalidOperationException($"{file} has no credential for store '{options.StoreId}'.");
    }

    private static void Validate(AgentOptions options)
    {
        if (options.StoreId.Length == 0 || options.RegisterId.Length == 0 || options.Credential.Length == 0)
        {
            throw new InvalidOperationException(
                "Agent:StoreId, Agent:RegisterId and Agent:Credential (or Agent:DemoCredentialsFile) are required, e.g. "
                + "--Agent:StoreId=S001 --Agent:RegisterId=R1 --Agent:Credential=<the store's secret>.");
        }

        if (!Uri.TryCreate(options.GatewayUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"Agent:GatewayUrl '{options.GatewayUrl}' is not an absolute URL.");
        }
    }
}
