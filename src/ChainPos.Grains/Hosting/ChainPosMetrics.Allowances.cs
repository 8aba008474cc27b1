using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace ChainPos.Grains.Hosting;

/// <summary>Offline allowances leased to registers by gift cards and loyalty accounts.</summary>
public sealed partial class ChainPosMetrics
{
    /// <summary>The label value of a gift card allowance (minor units).</summary>
    public const string GiftCardAllowance = "giftcard";

    /// <summary>The label value of a loyalty points allowance (points).</summary>
    public const string PointsAllowance = "points";

    /// <summary>The label value of a stock quota leased to a register for a limited SKU (units).</summary>
    public const string StockQuotaAllowance = "stock";

    /// <summary>An offline spend was charged beyond its allowance by <paramref name="beyond"/> (minor units or points).</summary>
    public void AllowanceOverspent(string kind, string storeId, long beyond)
    {
        try
        {
            _instruments.AllowanceOverspend.Add(beyond, new Tag("chainpos.allowance.kind", kind), new Tag(Tags.Store, storeId));
        }
        catch (Exception)
        {
            // Telemetry never fails a committed operation.
        }
    }
}
