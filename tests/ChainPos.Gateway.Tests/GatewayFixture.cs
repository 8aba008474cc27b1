using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>
/// Starts the real all-in-one app once for every test (memory storage, free ports) and sets up the
/// chain through the public API: two stores, the catalogue, stock at S1, a customer and a gift card.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private GrpcChannel? _channel;

    public Clients Admin { get; private set; } = null!;

    public Clients S1Agent { get; private set; } = null!;

    public Clients S2Agent { get; private set; } = null!;

    public Clients Commerce { get; private set; } = null!;

    public Clients Anonymous { get; private set; } = null!;

    /// <summary>The node's HTTP/1.1 port (health, metrics, the back-office JSON API).</summary>
    public Uri HttpAddress { get; private set; } = null!;

    public Clients WrongToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(Settings()));
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress(ChainPosApp.GrpcAddress(_app));
        HttpAddress = ChainPosApp.HttpAddress(_app);
        Admin = new Clients(_channel, AdminSecret);
        S1Agent = new Clients(_channel, S1Secret);
        S2Agent = new Clients(_channel, S2Secret);
        Commerce = new Clients(_channel, CommerceSecret);
        Anonymous = new Clients(_channel, secret: null);
        WrongToken = new Clients(_channel, "not-a-known-secret");
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task SeedAsync()
    {
        await Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(S1, S1Registers) });
        await Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(S2, ["R1", "R2"]) });
        await Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "seed-catalogue", Products = { Products } });
        foreach (var product in Products.Where(p => p.Active))
        {
            await S1Agent.Stock.ReceiveStockAsync(new StockOperationRequest
            {
                LocationId = S1, Sku = product.Sku, OperationId = "seed-" + product.Sku, Quantity = InitialStock, Reason = "opening stock",
            });
        }

        await S1Agent.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = Customer, DisplayName = "Ada", StoreId = S1 });
        await Admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = GiftCard, OperationId = "seed-gift-card", Amount = GiftCardInitial, Currency = Currency });
    }

    private static NodeSettings Settings() => NodeSettings.AllInOne()
        .WithCredential("admin", AdminSecret, "Admin")
        .WithCredential("s1", S1Secret, "Store", S1)
        .WithCredential("s2", S2Secret, "Store", S2)
        .WithCredential("commerce", CommerceSecret, "Commerce")
        .With("ChainPos:Commerce:LocationFeeds:0", "WH*")
        .With("ChainPos:Commerce:LocationFeeds:1", S1);
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
