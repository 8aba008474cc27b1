using System.Globalization;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>
/// The operation stream of one caller: deterministic for a (plan seed, caller) pair, so ChainPos and the
/// baseline see exactly the same operations in the same order. Sales have 1..10 distinct SKUs
/// (1 + Binomial(9, 1/3): mean 4), drawn by Zipf popularity, 1 unit (80 %) or 2.
/// </summary>
internal sealed class ChainDayMix : IOperationStream
{
    private readonly ChainDayPlan _plan;
    private readonly ZipfSampler _zipf;
    private readonly Random _random;
    private readonly string _prefix;
    private int _next;

    public ChainDayMix(ChainDayPlan plan, ZipfSampler zipf, int caller, string runId)
    {
        _plan = plan;
        _zipf = zipf;
        _random = new Random(HashCode.Combine(plan.Seed, caller));
        _prefix = string.Create(CultureInfo.InvariantCulture, $"{runId}-{caller}-");
    }

    /// <summary>The next operation; a return only once the caller has <paramref name="salesSoFar"/> &gt; 0.</summary>
    public Operation Next(int salesSoFar)
    {
        var id = _prefix + (_next++).ToString(CultureInfo.InvariantCulture);
        var roll = _random.NextDouble();
        if (roll < _plan.WebShare)
        {
            var location = _plan.Store(_random.Next(1, _plan.Stores + 1));
            var lines = Lines(_random.Next(1, 4), maxQuantity: 1);
            return new WebOrderOperation("w" + id, location, lines, _random.NextDouble() < _plan.CommitShare);
        }

        if (roll < _plan.WebShare + ((1 - _plan.WebShare) * _plan.ReturnShare) && salesSoFar > 0)
        {
            return new ReturnOperation("r" + id, _random.Next(salesSoFar));
        }

        var count = 1;
        for (var i = 0; i < 9; i++)
        {
            count += _random.Next(3) == 0 ? 1 : 0;
        }

        var saleLines = Lines(count, maxQuantity: 2);
        var customer = _random.NextDouble() < _plan.LoyaltyShare && _plan.Customers > 0 ? _plan.Customer(_random.Next(1, _plan.Customers + 1)) : null;
        var gift = _random.NextDouble() < _plan.GiftCardShare && _plan.GiftCards > 0 ? ChainDayPlan.GiftCard(_random.Next(1, _plan.GiftCards + 1)) : null;
        var cap = _random.Next(5_00, 50_00);
        return new SaleOperation("s" + id, saleLines, customer, gift, cap);
    }

    private List<Line> Lines(int count, int maxQuantity)
    {
        count = Math.Min(count, _zipf.Count);
        var ranks = new HashSet<int>();
        while (ranks.Count < count)
        {
            ranks.Add(_zipf.Next(_random));
        }

        return [.. ranks.Select(r => new Line(_plan.Sku(r), maxQuantity > 1 && _random.Next(5) == 0 ? 2 : 1, ChainDayPlan.Price(r)))];
    }
}
