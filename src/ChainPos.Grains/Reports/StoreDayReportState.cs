namespace ChainPos.Grains.Reports;

/// <summary>
/// Persisted state of one store's business day (state name "store-day-report"). Bounded: 24 hours, a few tenders,
/// tax rates, registers and categories, and at most <see cref="DayTotals.MaxSkus"/> SKUs.
/// </summary>
[GenerateSerializer]
public sealed class StoreDayReportState
{
    /// <summary>Highest outbox sequence applied per register: exact de-duplication of retried deliveries.</summary>
    [Id(0)] public Dictionary<string, long> HighWater { get; set; } = [];
    [Id(1)] public bool ListedInChainDay { get; set; }
    [Id(2)] public string Currency { get; set; } = "";
    [Id(3)] public int SalesCount { get; set; }
    [Id(4)] public long Items { get; set; }
    [Id(5)] public long Subtotal { get; set; }
    [Id(6)] public long DiscountTotal { get; set; }
    [Id(7)] public long TaxTotal { get; set; }
    [Id(8)] public long Total { get; set; }
    [Id(9)] public long GiftCardsSold { get; set; }
    [Id(10)] public long GiftCardsRedeemed { get; set; }
    [Id(11)] public long PointsEarned { get; set; }
    [Id(12)] public long PointsRedeemed { get; set; }
    [Id(13)] public Dictionary<string, Bucket> Hours { get; set; } = [];
    [Id(14)] public Dictionary<string, Bucket> Tenders { get; set; } = [];
    [Id(15)] public Dictionary<string, TaxBucket> TaxRates { get; set; } = [];
    [Id(16)] public Dictionary<string, Bucket> Registers { get; set; } = [];
    [Id(17)] public Dictionary<string, Bucket> Categories { get; set; } = [];
    [Id(18)] public Dictionary<string, SkuBucket> Skus { get; set; } = [];
    /// <summary>Net sales of SKUs folded out of <see cref="Skus"/> when it was full.</summary>
    [Id(19)] public long OtherSkusNet { get; set; }
    [Id(20)] public DateTimeOffset? LastSaleAt { get; set; }
    /// <summary>Highest outbox sequence of a return or void applied per register (refunds have their own feed and mark).</summary>
    [Id(21)] public Dictionary<string, long> RefundHighWater { get; set; } = [];
    [Id(22)] public int ReturnsCount { get; set; }
    /// <summary>Refunded by returns, tax included.</summary>
    [Id(23)] public long ReturnsTotal { get; set; }
    [Id(24)] public long ReturnsTax { get; set; }
    [Id(25)] public int VoidsCount { get; set; }
    /// <summary>Totals of the sales voided, tax included.</summary>
    [Id(26)] public long VoidsTotal { get; set; }
    [Id(27)] public long VoidsTax { get; set; }
    /// <summary>
    /// Web orders counted here whose sender has not yet said it is durably committed (it may report them again):
    /// bounded by the orders in flight, not by the day's orders (see <see cref="WebOrderDedup"/>).
    /// </summary>
    [Id(28)] public HashSet<string> WebOrders { get; set; } = [];
    [Id(29)] public long WebOrdersTotal { get; set; }
    /// <summary>Web orders counted on this day (stored since the id set is bounded; before, it was the set's size).</summary>
    [Id(30)] public int WebOrdersCount { get; set; }
    /// <summary>Counted web orders forgotten from <see cref="WebOrders"/>, with when: kept for the de-duplication window only.</summary>
    [Id(31)] public Dictionary<string, DateTimeOffset> WebOrdersForgotten { get; set; } = [];
}

[GenerateSerializer]
public sealed class Bucket
{
    [Id(0)] public long Amount { get; set; }
    [Id(1)] public int Count { get; set; }
}

[GenerateSerializer]
public sealed class TaxBucket
{
    [Id(0)] public string TaxClass { get; set; } = "";
    [Id(1)] public int RateBasisPoints { get; set; }
    [Id(2)] public long Net { get; set; }
    [Id(3)] public long Tax { get; set; }
    [Id(4)] public long Gross { get; set; }
}

[GenerateSerializer]
public sealed class SkuBucket
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string Category { get; set; } = "";
    [Id(2)] public long Quantity { get; set; }
    [Id(3)] public long Net { get; set; }
}
