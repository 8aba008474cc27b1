using ChainPos.Api.V1;
using ChainPos.StoreAgent.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Offline;

/// <summary>The platform's gRPC clients with this store's credential, and call options with the agent's deadline.</summary>
internal sealed class PlatformClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AgentOptions _options;

    public PlatformClient(IOptions<AgentOptions> options)
    {
        _options = options.Value;
        _channel = GrpcChannel.ForAddress(_options.GatewayUrl, new GrpcChannelOptions
        {
            // A store's link comes back on its own time: retry the connection every few seconds, not minutes.
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(500),
            MaxReconnectBackoff = TimeSpan.FromSeconds(5),
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = _options.CallTimeout,
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            },
        });
        var invoker = _channel.CreateCallInvoker();
        Checkout = new CheckoutService.CheckoutServiceClient(invoker);
        Sync = new StoreAgentSyncService.StoreAgentSyncServiceClient(invoker);
        Catalog = new CatalogService.CatalogServiceClient(invoker);
        Stores = new StoreAdminService.StoreAdminServiceClient(invoker);
        Loyalty = new LoyaltyService.LoyaltyServiceClient(invoker);
    }

    public CheckoutService.CheckoutServiceClient Checkout { get; }

    public StoreAgentSyncService.StoreAgentSyncServiceClient Sync { get; }

    public CatalogService.CatalogServiceClient Catalog { get; }

    public StoreAdminService.StoreAdminServiceClient Stores { get; }

    public LoyaltyService.LoyaltyServiceClient Loyalty { get; }

    /// <summary>The credential and a deadline of <see cref="AgentOptions.CallTimeout"/>.</summary>
    public CallOptions Call(CancellationToken cancellationToken = default) => new(
        new Metadata { { "authorization", "Bearer " + _options.Credential } },
        DateTime.UtcNow + _options.CallTimeout,
        cancellationToken);

    public void Dispose() => _channel.Dispose();
}
