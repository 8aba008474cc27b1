namespace ChainPos.StoreAgent.Devices;

/// <summary>Registers the agent's customer display and scanner.</summary>
internal static class DeviceServices
{
    /// <summary>The customer display and the scanner: singletons the API and the sale use, each run as a hosted service.</summary>
    public static IServiceCollection AddAgentDevices(this IServiceCollection services)
    {
        services.AddSingleton<CustomerDisplayService>();
        services.AddHostedService(sp => sp.GetRequiredService<CustomerDisplayService>());
        services.AddSingleton<ScanFeed>();
        services.AddSingleton<ScannerService>();
        services.AddHostedService(sp => sp.GetRequiredService<ScannerService>());
        return services;
    }
}
