using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;

namespace ChainPos.Grains.Tests;

/// <summary>The availability index as a change feed: numbered, newest level per location, long poll.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AvailabilityFeedTests(ClusterFixture fixture)
{
    private static LocationAvailability Level(string location, long onHand, long version) =>
        new(location, onHand, 0, 0, version, ClusterFixture.Time.GetUtcNow());

    private IAvailabilityGrain NewIndex() => fixture.Grains.GetGrain<IAvailabilityGrain>(GrainKeys.Availability(ClusterFixture.NewId("SKU")));

    [Fact]
    public async Task ChangesAfter_Cursor_NewestLevelPerLocationInSequenceOrder()
    {
        var index = NewIndex();
        await index.UpdateAsync(Level("A", 5, 1));
        await index.UpdateAsync(Level("B", 7, 1));
        await index.UpdateAsync(Level("A", 4, 2));
        await index.UpdateAsync(Level("A", 9, 1)); // stale: ignored, no sequence taken

        var all = await index.ChangesAfterAsync(0, null, TimeSpan.Zero);
        var sinceFirst = await index.ChangesAfterAsync(1, null, TimeSpan.Zero);
        var onlyB = await index.ChangesAfterAsync(0, ["B"], TimeSpan.Zero);
        var none = await index.ChangesAfterAsync(3, null, TimeSpan.Zero);
        var ahead = await index.ChangesAfterAsync(99, null, TimeSpan.Zero);

        Assert.Equal([(2L, "B", 7L), (3L, "A", 4L)], all.Changes.Select(c => (c.Sequence, c.Level.LocationId, c.Level.OnHand)));
        Assert.Equal(3, all.Sequence);
        Assert.Equal([2L, 3L], sinceFirst.Changes.Select(c => c.Sequence));
        Assert.Equal(["B"], onlyB.Changes.Select(c => c.Level.LocationId));
        Assert.Equal((0, 3L), (none.Changes.Count, none.Sequence));
        Assert.Equal((2, 3L), (ahead.Changes.Count, ahead.Sequence));
    }

    [Fact]
    public async Task ChangesAfter_NothingNew_WaitsForTheNextUpdate()
    {
        var index = NewIndex();
        await index.UpdateAsync(Level("A", 5, 1));

        var poll = index.ChangesAfterAsync(1, null, TimeSpan.FromSeconds(20));
        await index.UpdateAsync(Level("A", 6, 2));
        var answer = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([(2L, 6L)], answer.Changes.Select(c => (c.Sequence, c.Level.OnHand)));
    }
}
