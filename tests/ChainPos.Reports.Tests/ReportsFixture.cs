using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChainPos.Reports.Tests;

/// <summary>
/// The real all-in-one app on a PostgreSQL database of the shared test server, with the chain set up through
/// the public API. Each test class rings up sales in its own stores, so exact figures never mix.
/// </summary>
public sealed class ReportsFixture : IAsyncLifetime
{
    public const string AdminSecret = "reports-admin-secret-0123";
    public const string StoreSecret = "reports-a1-secret-0123";
    public const string Currency = "EUR";
    public const string GiftCard = "6000 5555 4444 1111";
    public const string Customer = "RPT-CUST";
    public const string StoreTimeZone = "Europe/Berlin";

    /// <summary>Stores: A1 (sales figures, has a store credential), C1/C2 (chain), J1 (journal), E1 (exactly once), B1/B2 (browser), F1 (returns and voids), W1 (web orders).</summary>
    public static readonly string[] Stores = ["A1", "C1", "C2", "J1", "E1", "B1", "B2", "F1", "W1", "L1"];

    private WebApplication? _app;
    private GrpcChannel? _channel;

    public string ConnectionString { get; private set; } = "";

    public WebApplication App => _app!;

    public IGrainFactory Grains => _app!.Services.GetRequiredService<IGrainFactory>();

    public Uri HttpAddress => ChainPosApp.HttpAddress(_app!);

    public CallInvoker Admin { get; private set; } = null!;

    public CallInvoker StoreA1 { get; private set; } = null!;

    public CallInvoker Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("reports_" + Guid.NewGuid().ToString("N")[..12]);
        _app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(Settings(ConnectionString)));
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress(ChainPosApp.GrpcAddress(_app));
        Admin = Invoker(_channel, AdminSecret);
        StoreA1 = Invoker(_channel, StoreSecret);
        Anonymous = _channel.CreateCallInvoker();
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

    public static NodeSettings Settings(string connectionString) => NodeSettings.OnPostgres("AllInOne", connectionString)
        .WithCredential("admin", AdminSecret, "Admin")
        .WithCredential("a1", StoreSecret, "Store", "A1");

    public static CallInvoker Invoker(GrpcChannel channel, string secret) => channel.Intercept(headers =>
    {
        headers.Add("authorization", "Bearer " + secret);
        return headers;
    });

    private async Task SeedAsync()
    {
        var stores = new StoreAdminService.StoreAdminServiceClient(Admin);
        foreach (var store in Stores)
        {
            await stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Sales.Store(store) });
        }

        await new CatalogService.CatalogServiceClient(Admin).UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "reports-catalogue",
            Products = { Sales.Products },
        });
        await new LoyaltyService.LoyaltyServiceClient(Admin).EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = Customer, DisplayName = "Rita", StoreId = "A1" });
        await new GiftCardService.GiftCardServiceClient(Admin).IssueGiftCardAsync(new IssueGiftCardRequest
        {
            Code = GiftCard, OperationId = "reports-gift-card", Amount = 10_000, Currency = Currency,
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ReportsCollection : ICollectionFixture<ReportsFixture>
{
    public const string Name = "reports";
}
