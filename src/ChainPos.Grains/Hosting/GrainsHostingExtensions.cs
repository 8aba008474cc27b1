using ChainPos.Grains.Catalog;
using ChainPos.Grains.Checkout;
using ChainPos.Grains.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace ChainPos.Grains.Hosting;

/// <summary>Registers what the ChainPos grains need on a silo.</summary>
public static class GrainsHostingExtensions
{
    /// <summary>Adds the domain-exception filter, <see cref="TimeProvider"/>, <see cref="CheckoutOptions"/>, <see cref="CommerceOptions"/> (section ChainPos:Commerce), <see cref="ChainPosMetrics"/> and the silo's <see cref="ProductCache"/>.</summary>
    public static ISiloBuilder AddChainPosGrains(this ISiloBuilder silo, Action<CheckoutOptions>? configure = null)
    {
        silo.AddIncomingGrainCallFilter<DomainExceptionFilter>();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<ChainPosMetrics>();
        silo.Services.AddSingleton<ProductCache>();
        silo.Services.AddSingleton<SaleRecordWriter>();
        silo.Services.AddSingleton<KnownStores>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(s => s.GetRequiredService<ProductCache>());
        var options = silo.Services.AddOptions<CheckoutOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        silo.Services.AddOptions<CommerceOptions>().Bind(silo.Configuration.GetSection(CommerceOptions.Section));
        return silo;
    }
}
