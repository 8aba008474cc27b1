using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>
/// The split deployment: a silo-only node and a gateway-only node (an Orleans client) that finds the
/// silo through the PostgreSQL membership table, as two hosts on a real PostgreSQL.
/// </summary>
public sealed class GatewayRoleTests
{
    [Fact]
    public async Task GatewayRole_SeparateFromSilo_SellsThroughPostgresMembership()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("gateway_role_" + Guid.NewGuid().ToString("N")[..8]);
        await using var silo = await StartAsync(database, "Silo");
        await using var gateway = await StartAsync(database, "Gateway");
        using var channel = GrpcChannel.ForAddress(ChainPosApp.GrpcAddress(gateway));
        var admin = new Clients(channel, AdminSecret);

        await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store("GW", ["R1"]) });
        await admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "gw-catalogue", Products = { Products[0] } });
        await admin.Checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = "GW", RegisterId = "R1", ShiftId = "gw-shift", CashierId = Cashier, CashierPin = CashierPin });
        var receipt = await admin.Checkout.CompleteSaleAsync(new CompleteSaleRequest
        {
            StoreId = "GW", RegisterId = "R1", SaleId = "gw-sale-1", Currency = Currency,
            Lines = { new SaleLine { Sku = Products[0].Sku, Quantity = 2 } },
            Tenders = { new Tender { Type = TenderType.Cash, Amount = 5000 } },
        });

        Assert.Equal("GW-R1-000001", receipt.ReceiptNumber);
        Assert.Equal(2 * Products[0].Price, receipt.Total);
        Assert.Equal(5000 - (2 * Products[0].Price), receipt.Change);
    }

    private static async Task<AppHandle> StartAsync(string connectionString, string role)
    {
        var app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(
            NodeSettings.OnPostgres(role, connectionString).WithCredential("admin", AdminSecret, "Admin")));
        await app.StartAsync();
        return new AppHandle(app);
    }

    private sealed class AppHandle(WebApplication app) : IAsyncDisposable
    {
        public static implicit operator WebApplication(AppHandle handle) => handle.App;

        public WebApplication App { get; } = app;

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
