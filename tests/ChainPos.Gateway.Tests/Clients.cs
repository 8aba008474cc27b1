using ChainPos.Api.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace ChainPos.Gateway.Tests;

/// <summary>Every service's client, calling with one credential (or none).</summary>
public sealed class Clients(GrpcChannel channel, string? secret)
{
    private readonly CallInvoker _invoker = secret is null
        ? channel.CreateCallInvoker()
        : channel.Intercept(headers =>
        {
            headers.Add("authorization", "Bearer " + secret);
            return headers;
        });

    public CheckoutService.CheckoutServiceClient Checkout => new(_invoker);

    public CatalogService.CatalogServiceClient Catalog => new(_invoker);

    public StockService.StockServiceClient Stock => new(_invoker);

    public LoyaltyService.LoyaltyServiceClient Loyalty => new(_invoker);

    public GiftCardService.GiftCardServiceClient GiftCards => new(_invoker);

    public StoreAdminService.StoreAdminServiceClient Stores => new(_invoker);

    public CommerceService.CommerceServiceClient Commerce => new(_invoker);

    public DiagnosticsService.DiagnosticsServiceClient Diagnostics => new(_invoker);
}
