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

    [Fact]
    public async Task WatchStock_LocationOnly_EveryChangeThereNoneElsewhereNothingMissedOnResume()
    {
        var location = "WH" + Guid.NewGuid().ToString("N")[..8];
        var skus = await ProductsAsync(fixture.Admin, 2, (location, 5), (S1, 3));
        var web = fixture.Commerce.Commerce;
        long last;
        using (var stream = web.WatchStock(new WatchStockRequest { LocationIds = { location } }))
        {
            var initial = await ReadAsync(stream, 2);
            Assert.Equal([(skus[0], location, 5L), (skus[1], location, 5L)], initial.Select(c => (c.Sku, c.Level.LocationId, c.Level.OnHand)).Order());
            Assert.All(initial, c => Assert.True(c.LocationSequence > 0 && c.Sequence == 0));

            // A change elsewhere first, visible before the change at the location: the next change read must be the latter.
            await ReceiveAsync(S1, skus[0], 1);
            await UntilOnHandAsync(skus[0], S1, 4);
            await ReceiveAsync(location, skus[1], 2);
            var live = Assert.Single(await ReadAsync(stream, 1));
            Assert.Equal((skus[1], location, 7L), (live.Sku, live.Level.LocationId, live.Level.OnHand));
            Assert.True(live.LocationSequence > initial.Max(c => c.LocationSequence));
            last = live.LocationSequence;
        }

        // Disconnected: both SKUs change at the location (one twice), and once more elsewhere.
        await ReceiveAsync(location, skus[0], 1);
        await CountAsync(location, skus[0], 2);
        await CountAsync(location, skus[1], 9);
        await ReceiveAsync(S1, skus[1], 1);
        await UntilOnHandAsync(skus[0], location, 2);
        await UntilOnHandAsync(skus[1], location, 9);
        await UntilOnHandAsync(skus[1], S1, 4);

        using var resumed = web.WatchStock(new WatchStockRequest { LocationIds = { location }, ResumeFromLocations = { new LocationCursor { LocationId = location, Sequence = last } } });
        // The feed may still be catching up with the last pushes: read until the newest level of each SKU is in.
        var missed = await ReadUntilAsync(resumed, read => Newest(read) is [(_, _, 2L), (_, _, 9L)]);
        Assert.Equal([(skus[0], location, 2L), (skus[1], location, 9L)], Newest(missed));
        Assert.All(missed, c => Assert.True(c.LocationSequence > last));

        // Still live after the resume, and still only this location.
        await ReceiveAsync(S1, skus[0], 1);
        await UntilOnHandAsync(skus[0], S1, 5);
        await ReceiveAsync(location, skus[0], 3);
        var next = Assert.Single(await ReadAsync(resumed, 1));
        Assert.Equal((skus[0], location, 5L), (next.Sku, next.Level.LocationId, next.Level.OnHand));
        Assert.True(next.LocationSequence > missed.Max(c => c.LocationSequence));
    }

    [Fact]
    public async Task WatchStock_LocationOnlyBadRequests_ClearStatus()
    {
        var web = fixture.Commerce.Commerce;
        var unknown = "WHNOWHERE" + Guid.NewGuid().ToString("N")[..8]; // listed by the fixture's "WH*", but unknown

        var notFound = await ExpectStreamStatusAsync(StatusCode.NotFound, web.WatchStock(new WatchStockRequest { LocationIds = { S1, unknown } }));
        Assert.Contains(unknown, notFound.Status.Detail, StringComparison.Ordinal);
        var unlisted = await ExpectStreamStatusAsync(StatusCode.FailedPrecondition, web.WatchStock(new WatchStockRequest { LocationIds = { S2 } }));
        Assert.Contains("ChainPos:Commerce:LocationFeeds", unlisted.Status.Detail, StringComparison.Ordinal);
        var empty = await ExpectStreamStatusAsync(StatusCode.InvalidArgument, web.WatchStock(new WatchStockRequest()));
        Assert.Contains("location_ids", empty.Status.Detail, StringComparison.Ordinal);
        await ExpectStreamStatusAsync(StatusCode.InvalidArgument, web.WatchStock(new WatchStockRequest
        {
            LocationIds = { S1 },
            ResumeFromLocations = { new LocationCursor { LocationId = S2, Sequence = 1 } },
        }));
        await ExpectStreamStatusAsync(StatusCode.InvalidArgument, web.WatchStock(new WatchStockRequest
        {
            LocationIds = { S1 },
            ResumeFrom = { new SkuCursor { Sku = "ANY", Sequence = 1 } },
        }));
        await ExpectStreamStatusAsync(StatusCode.InvalidArgument, web.WatchStock(new WatchStockRequest
        {
            Skus = { "ANY" },
            ResumeFromLocations = { new LocationCursor { LocationId = S1, Sequence = 1 } },
        }));
        await ExpectStreamStatusAsync(StatusCode.ResourceExhausted, web.WatchStock(new WatchStockRequest
        {
            LocationIds = { Enumerable.Range(0, 51).Select(i => "L" + i) },
        }));
        await ExpectStreamStatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Commerce.WatchStock(new WatchStockRequest { LocationIds = { S1 } }));
    }

    private Task<StockLevel> ReceiveAsync(string location, string sku, long quantity) =>
        fixture.Admin.Stock.ReceiveStockAsync(new StockOperationRequest
        {
            LocationId = location, Sku = sku, OperationId = "watch-loc-" + Guid.NewGuid().ToString("N"), Quantity = quantity, Reason = "delivery",
        }).ResponseAsync;

    private Task<StockLevel> CountAsync(string location, string sku, long quantity) =>
        fixture.Admin.Stock.CountStockAsync(new StockOperationRequest
        {
            LocationId = location, Sku = sku, OperationId = "watch-loc-" + Guid.NewGuid().ToString("N"), Quantity = quantity, Reason = "count",
        }).ResponseAsync;

    /// <summary>Waits until the availability index (fed by the same push as the location feed) shows the level.</summary>
    private Task<GetAvailabilityResponse> UntilOnHandAsync(string sku, string location, long onHand) =>
        Eventually.UntilAsync(
            () => fixture.Commerce.Commerce.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { sku }, LocationIds = { location } }).ResponseAsync,
            r => r.Skus[0].Locations.Count == 1 && r.Skus[0].Locations[0].OnHand == onHand);

    private static List<(string Sku, string Location, long OnHand)> Newest(List<StockChange> changes) =>
        [.. changes.GroupBy(c => c.Sku).Select(g => g.MaxBy(c => c.LocationSequence)!).Select(c => (c.Sku, c.Level.LocationId, c.Level.OnHand)).Order()];

    private static async Task<List<StockChange>> ReadUntilAsync(AsyncServerStreamingCall<StockChange> stream, Func<List<StockChange>, bool> done)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var changes = new List<StockChange>();
        while (!done(changes) && await stream.ResponseStream.MoveNext(timeout.Token))
        {
            changes.Add(stream.ResponseStream.Current);
        }

        return changes;
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

    private static async Task<RpcException> ExpectStreamStatusAsync(StatusCode code, AsyncServerStreamingCall<StockChange> stream)
    {
        using (stream)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(code, error.StatusCode);
            return error;
        }
    }
}
