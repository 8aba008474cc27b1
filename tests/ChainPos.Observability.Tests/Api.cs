using ChainPos.Api.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace ChainPos.Observability.Tests;

/// <summary>The gRPC clients the tests use, calling with the admin credential.</summary>
public sealed class Api(GrpcChannel channel, string secret)
{
    private readonly CallInvoker _invoker = channel.Intercept(headers =>
    {
        headers.Add("authorization", "Bearer " + secret);
        return headers;
    });

    public CheckoutService.CheckoutServiceClient Checkout => new(_invoker);

    public CatalogService.CatalogServiceClient Catalog => new(_invoker);

    public LoyaltyService.LoyaltyServiceClient Loyalty => new(_invoker);

    public GiftCardService.GiftCardServiceClient GiftCards => new(_invoker);

    public StoreAdminService.StoreAdminServiceClient Stores => new(_invoker);

    public StockService.StockServiceClient Stock => new(_invoker);

    public CommerceService.CommerceServiceClient Commerce => new(_invoker);
}
