using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace ChainPos.Grains.Hosting;

/// <summary>Stock events: a SKU running out at a location, and stock going negative.</summary>
public sealed partial class ChainPosMetrics
{
    /// <summary>Label of the stock events: the location (store or warehouse) id, a bounded set like store ids.</summary>
    public const string LocationTag = "chainpos.location.id";

    /// <summary>On hand of one SKU at <paramref name="locationId"/> moved from <paramref name="before"/> to <paramref name="after"/> (written).</summary>
    public void StockLevelChanged(string locationId, long before, long after)
    {
        try
        {
            var location = new Tag(LocationTag, locationId);
            if (before > 0 && after <= 0)
            {
                _instruments.StockOuts.Add(1, location);
            }

            if (before >= 0 && after < 0)
            {
                _instruments.StockNegative.Add(1, location);
            }
        }
        catch (Exception)
        {
            // Telemetry never fails a committed operation.
        }
    }
}
