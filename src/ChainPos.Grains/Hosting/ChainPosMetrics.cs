using ChainPos.Abstractions.Checkout;
using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace ChainPos.Grains.Hosting;

/// <summary>
/// The business instruments of the meter <see cref="MeterName"/> (every name, unit and label is listed
/// in docs/operations.md, "Telemetry"). Grains record right after the durable write of a commit, never
/// for a refused or replayed call, so the counts match what was committed. Recording never throws: a
/// broken listener must not fail a sale that is already durable.
/// </summary>
public sealed partial class ChainPosMetrics
{
    /// <summary>The meter's name, as the OpenTelemetry set-up subscribes to it.</summary>
    public const string MeterName = "ChainPos";

    private readonly Instruments _instruments = Instruments.Shared;

    /// <summary>A sale was committed: count, items, revenue, tender mix and basket size.</summary>
    public void SaleCompleted(string storeId, SaleReceipt receipt, IReadOnlyList<TenderRecord> tenders)
    {
        try
        {
            Tag store = new(Tags.Store, storeId), currency = new(Tags.Currency, receipt.Currency);
            long items = 0, giftCardLoads = 0;
            foreach (var line in receipt.Lines)
            {
                if (line.GiftCardHash is null)
                {
                    items += line.Quantity;
                }
                else
                {
                    giftCardLoads += line.Net;
                }
            }

            _instruments.Sales.Add(1, store, currency);
            _instruments.Items.Add(items, store, currency);
            _instruments.Revenue.Add(receipt.Total - giftCardLoads, store, currency);
            _instruments.BasketItems.Record(items);
            _instruments.BasketAmount.Record(receipt.Total, currency);
            var change = receipt.Change;
            foreach (var tender in tenders)
            {
                // Change leaves the drawer: cash counts net of it (taken once, even over several cash tenders).
                var given = tender.Type == TenderType.Cash ? Math.Min(change, tender.Amount) : 0;
                change -= given;
                var type = new Tag(Tags.TenderType, Tags.Of(tender.Type));
                _instruments.Tenders.Add(1, type);
                _instruments.TenderAmount.Add(tender.Amount - given, type, currency);
            }
        }
        catch (Exception)
        {
            // Telemetry never fails a committed sale.
        }
    }
}
