using System.Diagnostics.Metrics;

namespace ChainPos.Grains.Hosting;

public sealed partial class ChainPosMetrics
{
    private const string MinorUnits = "{minor_unit}";

    /// <summary>
    /// The instruments, once per process on one meter, like Orleans' "Microsoft.Orleans". A meter per host
    /// (IMeterFactory) breaks when two hosts share a process (tests, tools): the OpenTelemetry SDK merges
    /// instruments of the same identity from different meters into one stream and drops that stream as soon
    /// as either meter is disposed.
    /// </summary>
    private sealed class Instruments
    {
        private static readonly Meter Meter = new(MeterName);

        private Instruments()
        {
        }

        public static Instruments Shared { get; } = new();

        public Counter<long> Sales { get; } = Meter.CreateCounter<long>("chainpos.sales", "{sale}", "Completed sales (not replays).");

        public Counter<long> Items { get; } = Meter.CreateCounter<long>("chainpos.sale.items", "{item}", "Units of goods sold (gift card activations excluded).");

        public Counter<long> Revenue { get; } = Meter.CreateCounter<long>("chainpos.sale.revenue", MinorUnits, "Goods sold after discounts, tax included, in minor units of the currency.");

        public Counter<long> Tenders { get; } = Meter.CreateCounter<long>("chainpos.sale.tenders", "{tender}", "Tenders taken on sales, by type.");

        public Counter<long> TenderAmount { get; } = Meter.CreateCounter<long>("chainpos.sale.tender.amount", MinorUnits, "Amount taken by tender type (cash net of change), in minor units.");

        public Histogram<long> BasketItems { get; } = Meter.CreateHistogram("chainpos.sale.basket.items", "{item}", "Units of goods per sale.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 3, 5, 8, 13, 21, 34, 55, 100] });

        public Histogram<long> BasketAmount { get; } = Meter.CreateHistogram("chainpos.sale.basket.amount", MinorUnits, "Total paid per sale, in minor units.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000] });

        public Counter<long> Refunds { get; } = Meter.CreateCounter<long>("chainpos.refunds", "{refund}", "Returns and voids.");

        public Counter<long> RefundAmount { get; } = Meter.CreateCounter<long>("chainpos.refund.amount", MinorUnits, "Amount refunded by returns and voids, in minor units.");

        public Counter<long> GiftCardOperations { get; } = Meter.CreateCounter<long>("chainpos.giftcard.operations", "{operation}", "Gift card loads, holds, captures and hold voids.");

        public Counter<long> GiftCardAmount { get; } = Meter.CreateCounter<long>("chainpos.giftcard.amount", MinorUnits, "Value moved by gift card operations, in minor units.");

        public Counter<long> LoyaltyPoints { get; } = Meter.CreateCounter<long>("chainpos.loyalty.points", "{point}", "Loyalty points earned, redeemed, refunded and clawed back.");

        public Counter<long> StockOuts { get; } = Meter.CreateCounter<long>("chainpos.stock.outs", "{event}",
            "A SKU's on hand at a location fell from above zero to zero or below (durably written).");

        public Counter<long> StockNegative { get; } = Meter.CreateCounter<long>("chainpos.stock.negative", "{event}",
            "A SKU's on hand at a location fell below zero: goods sold or moved that stock did not show.");
        public Counter<long> Reservations { get; } = Meter.CreateCounter<long>("chainpos.reservations", "{reservation}",
            "Online reservation events at the stock grains: granted, denied (with a reason), committed, released, expired.");

        public Counter<long> ReservationUnits { get; } = Meter.CreateCounter<long>("chainpos.reservation.units", "{item}",
            "Units granted, committed, released and expired by online reservations.");

        public Counter<long> AllowanceOverspend { get; } = Meter.CreateCounter<long>("chainpos.allowance.overspend", "{unit}",
            "Offline spends synced beyond what their register's allowance still held (expired, returned or exceeded): minor units for gift cards, points for loyalty. Charged all the same.");

        public UpDownCounter<long> OutboxPending { get; } = Meter.CreateUpDownCounter<long>("chainpos.outbox.pending", "{effect}",
            "Committed sale/return/void effects not yet delivered, on this process's registers.");
    }
}
