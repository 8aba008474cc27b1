using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

/// <summary>Report figures and their high-water marks are durable: a restarted node neither loses nor re-adds a sale.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task StoreDayReport_AfterNodeRestart_KeepsFiguresAndCountsNewSalesOnce()
    {
        var postgres = await PostgresServer.SharedAsync();
        var db = await postgres.CreateDatabaseAsync("reports_restart_" + Guid.NewGuid().ToString("N")[..8]);

        string day;
        long firstTwo;
        await using (var node = await StartAsync(db))
        {
            await new StoreAdminService.StoreAdminServiceClient(node.Admin).ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store("RS") });
            await new CatalogService.CatalogServiceClient(node.Admin).UpsertProductsAsync(new UpsertProductsRequest { OperationId = "restart-catalogue", Products = { Products } });
            await OpenShiftAsync(node.Admin, "RS", "R1");
            var a = await RingAsync(node.Admin, "RS", "R1", "rs-1", [Line("TEE", 1)], [Card(1999)]);
            var b = await RingAsync(node.Admin, "RS", "R1", "rs-2", [Line("MUG", 1)], [Cash(1000)]);
            day = Day(a);
            firstTwo = a.Total + b.Total;
            var before = await StoreDayWhenAsync(node.Admin, "RS", day, 2);
            Assert.Equal((2, firstTwo), (before.SalesCount, before.Total));
        }

        await using (var node = await StartAsync(db))
        {
            var after = await ReportsClient(node.Admin).GetStoreDaySalesAsync(new GetStoreDaySalesRequest { StoreId = "RS", Day = day });
            Assert.Equal((2, firstTwo), (after.SalesCount, after.Total));

            // The register's next outbox sequence is above the persisted high-water mark: counted once.
            var c = await RingAsync(node.Admin, "RS", "R1", "rs-3", [Line("BREAD", 1)], [Cash(259)]);
            var later = await StoreDayWhenAsync(node.Admin, "RS", day, 3);
            Assert.Equal((3, firstTwo + c.Total), (later.SalesCount, later.Total));
            var chain = await ReportsClient(node.Admin).GetChainDaySalesAsync(new GetChainDaySalesRequest { Day = day });
            Assert.Equal(["RS"], chain.Stores.Select(s => s.StoreId));
        }
    }

    private static async Task<Node> StartAsync(string db)
    {
        var app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(ReportsFixture.Settings(db)));
        await app.StartAsync();
        var channel = GrpcChannel.ForAddress(ChainPosApp.GrpcAddress(app));
        return new Node(app, channel, ReportsFixture.Invoker(channel, ReportsFixture.AdminSecret));
    }

    private sealed record Node(Microsoft.AspNetCore.Builder.WebApplication App, GrpcChannel Channel, Grpc.Core.CallInvoker Admin) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Channel.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
