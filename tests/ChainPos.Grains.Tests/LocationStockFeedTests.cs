using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Stock;
using ChainPos.TestSupport;

namespace ChainPos.Grains.Tests;

/// <summary>A location's change feed across its SKUs: numbered, newest level per SKU, paged, long poll, fed by the stock grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LocationStockFeedTests(ClusterFixture fixture)
{
    private static LocationAvailability Level(string location, long onHand, long version) =>
        new(location, onHand, 0, 0, version, ClusterFixture.Time.GetUtcNow());

    [Fact]
    public async Task ChangesAfter_Cursor_NewestLevelPerSkuInSequenceOrderAndPaged()
    {
        var location = ClusterFixture.NewId("L");
        var feed = fixture.Grains.GetGrain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(location));
        Assert.False(await feed.HasStockAsync());

        await feed.UpdateAsync("A", Level(location, 5, 1));
        await feed.UpdateAsync("B", Level(location, 7, 1));
        await feed.UpdateAsync("A", Level(location, 4, 2));
        await feed.UpdateAsync("A", Level(location, 9, 1)); // stale: ignored, no sequence taken
        await feed.UpdateAsync("C", Level(location, 1, 1));

        var all = await feed.ChangesAfterAsync(0, 100, TimeSpan.Zero);
        var page = await feed.ChangesAfterAsync(0, 2, TimeSpan.Zero);
        var rest = await feed.ChangesAfterAsync(page.Sequence, 2, TimeSpan.Zero);
        var none = await feed.ChangesAfterAsync(4, 100, TimeSpan.Zero);
        var ahead = await feed.ChangesAfterAsync(99, 100, TimeSpan.Zero);

        Assert.True(await feed.HasStockAsync());
        Assert.Equal([(2L, "B", 7L), (3L, "A", 4L), (4L, "C", 1L)], all.Changes.Select(c => (c.Sequence, c.Sku, c.Level.OnHand)));
        Assert.Equal(4, all.Sequence);
        Assert.Equal(["B", "A"], page.Changes.Select(c => c.Sku));
        Assert.Equal(3, page.Sequence);
        Assert.Equal(["C"], rest.Changes.Select(c => c.Sku));
        Assert.Equal(4, rest.Sequence);
        Assert.Equal((0, 4L), (none.Changes.Count, none.Sequence));
        Assert.Equal((3, 4L), (ahead.Changes.Count, ahead.Sequence));
    }

    [Fact]
    public async Task StockChanges_AtTheLocationOnly_ReachItsFeedAndWakeALongPoll()
    {
        var location = ClusterFixture.NewId("L");
        var other = ClusterFixture.NewId("L");
        var sku = ClusterFixture.NewId("SKU");
        var feed = fixture.Grains.GetGrain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(location));

        var poll = feed.ChangesAfterAsync(0, 100, TimeSpan.FromSeconds(20));
        await fixture.Stock(other, sku).ApplyOperationAsync(new StockOperation("rcv-o", StockOperationKind.Receive, 3, "test"));
        await fixture.Stock(location, sku).ApplyOperationAsync(new StockOperation("rcv-l", StockOperationKind.Receive, 5, "test"));
        var answer = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        var change = Assert.Single(answer.Changes);
        Assert.Equal((sku, location, 5L), (change.Sku, change.Level.LocationId, change.Level.OnHand));
        var otherFeed = await Eventually.UntilAsync(
            () => fixture.Grains.GetGrain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(other)).ChangesAfterAsync(0, 100, TimeSpan.Zero),
            c => c.Changes.Count == 1);
        Assert.Equal(3L, Assert.Single(otherFeed.Changes).Level.OnHand);
    }

    [Fact]
    public async Task StockChanges_AtALocationNotListed_PublishNoFeed()
    {
        var unlisted = ClusterFixture.NewId("U");
        var listed = ClusterFixture.NewId("L");
        var sku = ClusterFixture.NewId("SKU");
        await fixture.Stock(unlisted, sku).ApplyOperationAsync(new StockOperation("rcv-u", StockOperationKind.Receive, 4, "test"));
        await fixture.Stock(listed, sku).ApplyOperationAsync(new StockOperation("rcv-l", StockOperationKind.Receive, 6, "test"));

        // Pushes go out together, so once the listed location's feed holds its level the unlisted one has been passed over.
        var listedFeed = fixture.Grains.GetGrain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(listed));
        await Eventually.UntilAsync(() => listedFeed.ChangesAfterAsync(0, 100, TimeSpan.Zero), c => c.Changes.Count == 1);
        var unlistedFeed = fixture.Grains.GetGrain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(unlisted));
        Assert.True(await listedFeed.IsPublishedAsync());
        Assert.False(await unlistedFeed.IsPublishedAsync());
        Assert.False(await unlistedFeed.HasStockAsync());
        Assert.Empty((await unlistedFeed.ChangesAfterAsync(0, 100, TimeSpan.Zero)).Changes);
    }
}
