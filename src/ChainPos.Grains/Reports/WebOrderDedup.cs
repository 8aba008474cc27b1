namespace ChainPos.Grains.Reports;

/// <summary>
/// Exactly-once counting of web orders in a store-day with bounded state. An order id stays in
/// <see cref="StoreDayReportState.WebOrders"/> from its first count until its order grain, durably committed (so it
/// never reports again), says so; it is then kept as "forgotten" for <see cref="Keep"/> only. Deliveries sent more
/// than <see cref="Window"/> ago are refused, so one still in flight from before the commit cannot outlive its
/// forgotten id. The state holds the orders in flight and those forgotten in the last few minutes, not the whole day.
/// </summary>
internal static class WebOrderDedup
{
    /// <summary>A delivery older than this (by the feed's clock when sent) is refused; the sender retries while committing.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>How long a forgotten id is kept: the window plus a margin for clock skew between silos.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    /// <summary>True if the order is new here and must be counted (and is now marked); false for a repeat.</summary>
    /// <exception cref="PosException">FailedPrecondition when the delivery is older than <see cref="Window"/>.</exception>
    public static bool TryCount(StoreDayReportState s, string orderId, DateTimeOffset sentAt, DateTimeOffset now)
    {
        Upgrade(s);
        if (now - sentAt > Window)
        {
            throw new PosException(Domain.ErrorCode.FailedPrecondition,
                $"Web order '{orderId}': the delivery was sent at {sentAt:O}, more than {Window.TotalMinutes} minutes ago; send it again.");
        }

        Prune(s, now);
        if (s.WebOrdersForgotten.ContainsKey(orderId) || !s.WebOrders.Add(orderId))
        {
            return false;
        }

        s.WebOrdersCount++;
        return true;
    }

    /// <summary>The order will not be reported again: keep its id only for <see cref="Keep"/>.</summary>
    public static void Forget(StoreDayReportState s, string orderId, DateTimeOffset now)
    {
        Upgrade(s);
        if (s.WebOrders.Remove(orderId))
        {
            s.WebOrdersForgotten[orderId] = now;
        }

        Prune(s, now);
    }

    /// <summary>State stored before the count was kept apart: every id in the set was one counted order.</summary>
    public static void Upgrade(StoreDayReportState s)
    {
        if (s.WebOrdersCount == 0 && s.WebOrders.Count > 0)
        {
            s.WebOrdersCount = s.WebOrders.Count;
        }
    }

    private static void Prune(StoreDayReportState s, DateTimeOffset now)
    {
        foreach (var (id, at) in s.WebOrdersForgotten.Where(kv => now - kv.Value > Keep).ToList())
        {
            s.WebOrdersForgotten.Remove(id);
        }
    }
}
