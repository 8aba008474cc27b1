using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Grpc.Core;
using static ChainPos.Gateway.Tests.Shop;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>WatchStock: current levels first, then live changes; a reconnect with the last sequences misses nothing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CommerceWatchTests(GatewayFixture fixture)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WatchStock_LiveThenResumeAfterDisconnect_NewestLevelsNothingMissed()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 5), (S2, 3)))[0];
        var web = fixture.Commerce.Commerce;
        long last;
        using (var stream = web.WatchStock(new WatchStockRequest { Skus = { sku } }))
        {
            var initial = await ReadAsync(stream, 2);
            Assert.Equal([(S1, 5L), (S2, 3L)], initial.Select(c => (c.Level.LocationId, c.Level.OnHand)).Order());
            Assert.All(initial, c => Assert.Equal(sku, c.Sku));

            await fixture.Admin.Stock.ReceiveStockAsync(new StockOperationRequest { LocationId = S1, Sku = sku, OperationId = "watch-rcv-" + sku, Quantity = 2, Reason = "delivery" });
            var live = Assert.Single(await ReadAsync(stream, 1));
            Assert.Equal((S1, 7L, 7L), (live.Level.LocationId, live.Level.OnHand, live.Level.Available));
            Assert.True(live.Sequence > initial.Max(c => c.Sequence));
            last = live.Sequence;
        }

        // Disconnected: S2 gets a pickup reservation, S1 a count.
        await web.ReserveStockAsync(Reserve(NewOrderId(), S2, (sku, 3)));
        await fixture.Admin.Stock.CountStockAsync(new StockOperationRequest { LocationId = S1, Sku = sku, OperationId = "watch-count-" + sku, Quantity = 6, Reason = "count" });
        await Eventually.UntilAsync(
            () => web.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { sku } }).ResponseAsync,
            r => r.Skus[0].OnHandTotal == 9 && r.Skus[0].ReservedTotal == 3);

        using var resumed = web.WatchStock(new WatchStockRequest { Skus = { sku }, ResumeFrom = { new SkuCursor { Sku = sku, Sequence = last } } });
        var missed = await ReadAsync(resumed, 2);

        Assert.Equal([(S1, 6L, 0L, 6L), (S2, 3L, 3L, 0L)],
            missed.Select(c => (c.Level.LocationId, c.Level.OnHand, c.Level.Reserved, c.Level.Available)).Order());
        Assert.All(missed, c => Assert.True(c.Sequence > last));
    }

    [Fact]
    public async Task WatchStock_LocationFilterAndBadRequests_OnlyThoseLocationsOrClearStatus()
    {
        var sku = (await ProductsAsync(fixture.Admin, 1, (S1, 2), (S2, 4)))[0];
        var web = fixture.Commerce.Commerce;

        using (var stream = web.WatchStock(new WatchStockRequest { Skus = { sku }, LocationIds = { S2 } }))
        {
            Assert.Equal([(S2, 4L)], (await ReadAsync(stream, 1)).Select(c => (c.Level.LocationId, c.Level.OnHand)));
        }

        await ExpectStreamStatusAsync(StatusCode.InvalidArgument, web.WatchStock(new WatchStockRequest()));
        await ExpectStreamStatusAsync(StatusCode.InvalidArgument, web.WatchStock(new WatchStockRequest { Skus = { sku }, ResumeFrom = { new SkuCursor { Sku = "OTHER", Sequence = 1 } } }));
        await ExpectStreamStatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Commerce.WatchStock(new WatchStockRequest { Skus = { sku } }));
    }

    private static async Task<List<StockChange>> ReadAsync(AsyncServerStreamingCall<StockChange> stream, int count)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var changes = new List<StockChange>();
        while (changes.Count < count && await stream.ResponseStream.MoveNext(timeout.Token))
        {
            changes.Add(stream.ResponseStream.Current);
        }

        return changes;
    }

    private static async Task ExpectStreamStatusAsync(StatusCode code, AsyncServerStreamingCall<StockChange> stream)
    {
        using (stream)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(code, error.StatusCode);
        }
    }
}
