using ChainPos.Api.V1;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

[Collection(ReportsCollection.Name)]
public sealed class ChainDaySalesTests(ReportsFixture fixture)
{
    [Fact]
    public async Task GetChainDaySales_TwoStoresSold_ListsBothAndTotalIsTheirSum()
    {
        var admin = fixture.Admin;
        await OpenShiftAsync(admin, "C1", "R1");
        await OpenShiftAsync(admin, "C2", "R1");
        var c1 = await RingAsync(admin, "C1", "R1", "c1-sale-1", [Line("TEE", 1)], [Card(1999)]);
        var c1b = await RingAsync(admin, "C1", "R1", "c1-sale-2", [Line("BREAD", 1)], [Cash(300)]);
        var c2 = await RingAsync(admin, "C2", "R1", "c2-sale-1", [Line("MUG", 3)], [Cash(3000)]);
        var day = Day(c1);
        await StoreDayWhenAsync(admin, "C1", day, 2);
        await StoreDayWhenAsync(admin, "C2", day, 1);

        var chain = await ReportsClient(admin).GetChainDaySalesAsync(new GetChainDaySalesRequest { Day = day });

        var c1Row = chain.Stores.Single(s => s.StoreId == "C1");
        var c2Row = chain.Stores.Single(s => s.StoreId == "C2");
        Assert.Equal((2, 1999L + 259L), (c1Row.SalesCount, c1Row.Total));
        Assert.Equal((1, 2697L), (c2Row.SalesCount, c2Row.Total));
        Assert.Equal((c1.Total + c1b.Total, c2.Total), (c1Row.Total, c2Row.Total));
        Assert.Equal(chain.Stores.OrderBy(s => s.StoreId, StringComparer.Ordinal).Select(s => s.StoreId), chain.Stores.Select(s => s.StoreId));

        // The chain total is exactly the sum of the listed stores, bucket by bucket.
        Assert.Equal(("*", day, "EUR"), (chain.Total.StoreId, chain.Total.Day, chain.Total.Currency));
        Assert.Equal(chain.Stores.Sum(s => s.Total), chain.Total.Total);
        Assert.Equal(chain.Stores.Sum(s => s.SalesCount), chain.Total.SalesCount);
        Assert.Equal(chain.Stores.Sum(s => s.TaxTotal), chain.Total.TaxTotal);
        Assert.Equal(
            chain.Stores.SelectMany(s => s.Tenders).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Sum(t => t.Amount)),
            chain.Total.Tenders.ToDictionary(t => t.Key, t => t.Amount));
        Assert.Equal(
            chain.Stores.Select(s => (s.StoreId, s.Total, s.SalesCount)),
            chain.Total.Registers.Select(r => (r.Key, r.Amount, r.Count)));
        Assert.Equal(chain.Total.Total, chain.Total.Hours.Sum(h => h.Amount));
    }

    [Fact]
    public async Task GetChainDaySales_DayWithoutSales_NoStoresAndZeroTotal()
    {
        var chain = await ReportsClient(fixture.Admin).GetChainDaySalesAsync(new GetChainDaySalesRequest { Day = "2001-02-03" });
        Assert.Empty(chain.Stores);
        Assert.Equal((0, 0L, 24), (chain.Total.SalesCount, chain.Total.Total, chain.Total.Hours.Count));
    }

    [Fact]
    public async Task GetChainDaySales_BadDay_InvalidArgument()
    {
        var e = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            ReportsClient(fixture.Admin).GetChainDaySalesAsync(new GetChainDaySalesRequest { Day = "yesterday" }).ResponseAsync);
        Assert.Equal((Grpc.Core.StatusCode.InvalidArgument, "day must be a date as yyyy-MM-dd (got 'yesterday')."), (e.StatusCode, e.Status.Detail));
    }
}
