using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ChainPos.Connector.Tests;

/// <summary>
/// The real all-in-one ChainPos node, started once for every connector test (memory storage, free ports), with two
/// stores set up through the admin API. Each test makes its own products, orders and connector.
/// </summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public const string AdminSecret = "admin-secret-0123456789";
    public const string CommerceSecret = "commerce-secret-0123456789";
    public const string S1Secret = "s1-secret-0123456789";
    public const string S1 = "S1";
    public const string S2 = "S2";
    public const string Currency = "EUR";

    private WebApplication? _app;
    private GrpcChannel? _channel;

    /// <summary>The node's gRPC address (what the connector calls).</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    public CallInvoker Admin { get; private set; } = null!;

    public CallInvoker S1Agent { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = NodeSettings.AllInOne()
            .WithCredential("admin", AdminSecret, "Admin")
            .WithCredential("commerce", CommerceSecret, "Commerce")
            .WithCredential("s1", S1Secret, "Store", S1);
        _app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await _app.StartAsync();
        GrpcAddress = ChainPosApp.GrpcAddress(_app);
        _channel = GrpcChannel.ForAddress(GrpcAddress);
        Admin = WithSecret(AdminSecret);
        S1Agent = WithSecret(S1Secret);
        var stores = new StoreAdminService.StoreAdminServiceClient(Admin);
        foreach (var store in new[] { S1, S2 })
        {
            await stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(store) });
        }
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

    public CommerceService.CommerceServiceClient Commerce => new(Admin);

    /// <summary>New products priced 1.00, 2.00, … with the given units received at S1; waits until availability shows them.</summary>
    public async Task<string[]> ProductsAsync(int count, long unitsAtS1)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var skus = Enumerable.Range(1, count).Select(i => $"C{tag}-{i}").ToArray();
        await new CatalogService.CatalogServiceClient(Admin).UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "cat-" + tag,
            Products =
            {
                skus.Select((sku, i) => new Product
                {
                    Sku = sku, Name = "Item " + (i + 1), Price = (i + 1) * 100, Currency = Currency, TaxClass = "standard", Category = "web", Active = true,
                }),
            },
        });
        foreach (var sku in skus)
        {
            await ReceiveAsync(sku, unitsAtS1, "open-" + sku);
        }

        await Eventually.UntilAsync(
            () => Commerce.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { skus } }).ResponseAsync,
            r => r.Skus.Count == count && r.Skus.All(s => s.OnHandTotal == unitsAtS1));
        return skus;
    }

    /// <summary>Receives units at S1 (a stock change the feed must push).</summary>
    public Task ReceiveAsync(string sku, long units, string operationId) =>
        new StockService.StockServiceClient(Admin).ReceiveStockAsync(new StockOperationRequest
        {
            LocationId = S1, Sku = sku, OperationId = operationId, Quantity = units, Reason = "connector test",
        }).ResponseAsync;

    /// <summary>On hand and reserved of a SKU at S1.</summary>
    public async Task<(long OnHand, long Reserved)> LevelAsync(string sku)
    {
        var level = (await new StockService.StockServiceClient(Admin).GetStockAsync(new GetStockRequest { LocationId = S1, Skus = { sku } })).Levels[0];
        return (level.OnHand, level.Reserved);
    }

    /// <summary>The order's reservation status, or null when it has none.</summary>
    public async Task<ReservationStatus?> StatusAsync(string orderId)
    {
        try
        {
            return (await Commerce.GetReservationAsync(new OrderRequest { OrderId = orderId })).Status;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private CallInvoker WithSecret(string secret) => _channel!.Intercept(headers =>
    {
        headers.Add("authorization", "Bearer " + secret);
        return headers;
    });

    private static StoreConfig Store(string storeId) => new()
    {
        StoreId = storeId,
        Name = "Store " + storeId,
        Currency = Currency,
        TimeZone = "Europe/Berlin",
        TaxRates = { new TaxRateConfig { TaxClass = "standard", RateBasisPoints = 2000, Inclusive = true } },
        RegisterIds = { "R1" },
        Employees = { new Employee { EmployeeId = "E1", Name = "Cara", Role = EmployeeRole.Cashier, Pin = "1234" } },
        Loyalty = new LoyaltyRuleConfig { PointsPerMajorUnit = 10, MinorPerPoint = 1, SilverSpend = 50_000, GoldSpend = 200_000 },
    };
}

[CollectionDefinition(Name)]
public sealed class NodeCollection : ICollectionFixture<NodeFixture>
{
    public const string Name = "connector-node";
}
