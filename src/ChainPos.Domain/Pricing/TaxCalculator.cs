namespace ChainPos.Domain;

/// <summary>
/// Tax per tax class, rounded once per class (not per line), then shared among the class's lines
/// by largest remainder so the line taxes add up to the class tax exactly.
/// </summary>
internal static class TaxCalculator
{
    public static List<TaxLine> Apply(IReadOnlyList<LineWork> lines, IReadOnlyDictionary<string, TaxRate> taxRates)
    {
        var taxes = new List<TaxLine>();
        var classes = lines.GroupBy(l => l.Input.TaxClass, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in classes)
        {
            var rate = taxRates[group.Key];
            var members = group.ToList();
            var taxable = members.Sum(l => l.Net);
            var tax = ClassTax(taxable, rate.RateBasisPoints, rate.Inclusive);
            var shares = Allocation.LargestRemainder(tax, [.. members.Select(l => l.Net)]);
            for (var i = 0; i < members.Count; i++)
            {
                members[i].Tax = shares[i];
            }

            taxes.Add(new TaxLine(group.Key, rate.RateBasisPoints, rate.Inclusive, taxable, tax));
        }

        return taxes;
    }

    /// <summary>
    /// Exclusive: round(taxable × rate). Inclusive: taxable − round(taxable / (1 + rate)).
    /// Rounding is half away from zero.
    /// </summary>
    public static long ClassTax(long taxable, int rateBasisPoints, bool inclusive) =>
        inclusive
            ? taxable - MoneyMath.DivideRounded(
                (Int128)taxable * MoneyMath.BasisPointsPerUnit,
                MoneyMath.BasisPointsPerUnit + rateBasisPoints)
            : MoneyMath.ApplyBasisPoints(taxable, rateBasisPoints);
}
