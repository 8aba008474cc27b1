using System.Globalization;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>
/// Flash-sale demand: every caller wants one unit of the plan's only SKU. Web callers reserve it and
/// keep the reservation (the shop has not been paid yet); every <paramref name="tillEvery"/>-th caller
/// is a till selling it over the counter.
/// </summary>
internal sealed class FlashMix(ChainDayPlan plan, int caller, string runId, int tillEvery) : IOperationStream
{
    private int _next;

    public bool IsTill => tillEvery > 0 && caller % tillEvery == tillEvery - 1;

    public Operation Next(int salesSoFar)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{runId}-{caller}-{_next++}");
        var line = new Line(plan.Sku(1), 1, ChainDayPlan.Price(1));
        return IsTill
            ? new SaleOperation("s" + id, [line], null, null, 0)
            : new WebOrderOperation("w" + id, plan.Store(1), [line], Commit: false, Hold: true);
    }
}
