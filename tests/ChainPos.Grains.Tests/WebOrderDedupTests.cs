using ChainPos.Abstractions;
using ChainPos.Grains.Reports;

namespace ChainPos.Grains.Tests;

/// <summary>The store-day's bounded, exactly-once de-duplication of web orders (pure state, no cluster).</summary>
public sealed class WebOrderDedupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryCount_RepeatBeforeAndAfterForget_CountedOnce()
    {
        var s = new StoreDayReportState();

        Assert.True(WebOrderDedup.TryCount(s, "o1", T0, T0));
        Assert.False(WebOrderDedup.TryCount(s, "o1", T0, T0.AddSeconds(1)));
        WebOrderDedup.Forget(s, "o1", T0.AddSeconds(2));
        Assert.False(WebOrderDedup.TryCount(s, "o1", T0.AddSeconds(3), T0.AddSeconds(4)));

        Assert.Equal((1, 0, 1), (s.WebOrdersCount, s.WebOrders.Count, s.WebOrdersForgotten.Count));
    }

    [Fact]
    public void TryCount_DeliveryOlderThanWindow_RefusedAndNothingChanged()
    {
        var s = new StoreDayReportState();

        var error = Assert.Throws<PosException>(() => WebOrderDedup.TryCount(s, "late", T0, T0 + WebOrderDedup.Window + TimeSpan.FromSeconds(1)));

        Assert.Equal(Domain.ErrorCode.FailedPrecondition, error.Code);
        Assert.Equal((0, 0), (s.WebOrdersCount, s.WebOrders.Count));
        Assert.True(WebOrderDedup.TryCount(s, "late", T0 + WebOrderDedup.Window, T0 + WebOrderDedup.Window));
    }

    [Fact]
    public void TryCount_ThousandsOfOrdersCommittedAndForgotten_StateHoldsOnlyRecentOnes()
    {
        var s = new StoreDayReportState();
        for (var i = 0; i < 5000; i++)
        {
            // One order per second, each forgotten by its committed order grain right after it is counted.
            var at = T0.AddSeconds(i);
            Assert.True(WebOrderDedup.TryCount(s, "o" + i, at, at));
            WebOrderDedup.Forget(s, "o" + i, at);
        }

        Assert.True(WebOrderDedup.TryCount(s, "in-flight", T0.AddSeconds(5000), T0.AddSeconds(5000)));

        // Only the ids forgotten within the last 10 minutes (600 of them) and the one in flight are left of 5,001 counted.
        Assert.Equal((5001, 1, 600), (s.WebOrdersCount, s.WebOrders.Count, s.WebOrdersForgotten.Count));
        Assert.False(WebOrderDedup.TryCount(s, "o4999", T0.AddSeconds(4999), T0.AddSeconds(5001)));
    }

    [Fact]
    public void Upgrade_StateStoredWithIdsOnly_CountsThem()
    {
        var s = new StoreDayReportState { WebOrders = ["a", "b"] };

        WebOrderDedup.Upgrade(s);

        Assert.Equal(2, s.WebOrdersCount);
        Assert.False(WebOrderDedup.TryCount(s, "a", T0, T0));
    }
}
