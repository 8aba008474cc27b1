namespace ChainPos.Domain;

/// <summary>Splits an amount into integer shares that add up exactly.</summary>
public static class Allocation
{
    /// <summary>
    /// Splits <paramref name="total"/> pro rata over <paramref name="weights"/> with the largest-remainder
    /// method: every share is first rounded down, then the units left over go one each to the shares
    /// with the largest remainders (ties go to the earlier position). The shares always sum to
    /// <paramref name="total"/>, a zero weight always gets zero, and when the total does not exceed the
    /// sum of the weights no share exceeds its weight.
    /// </summary>
    /// <param name="total">The amount to split, at least 0.</param>
    /// <param name="weights">The weights, each at least 0; they must not all be 0 unless the total is 0.</param>
    /// <returns>One share per weight, in the same order.</returns>
    public static long[] LargestRemainder(long total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var shares = new long[weights.Count];
        Int128 weightSum = 0;
        foreach (var weight in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight, nameof(weights));
            weightSum += weight;
        }

        if (total == 0)
        {
            return shares;
        }

        if (weightSum == 0)
        {
            throw new ArgumentException("A non-zero total cannot be split over weights that are all zero.", nameof(weights));
        }

        var remainders = new Int128[weights.Count];
        var left = total;
        for (var i = 0; i < weights.Count; i++)
        {
            var (quotient, remainder) = Int128.DivRem((Int128)total * weights[i], weightSum);
            shares[i] = (long)quotient;
            remainders[i] = remainder;
            left -= shares[i];
        }

        var byRemainder = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i);
        foreach (var i in byRemainder.Take((int)left))
        {
            shares[i]++;
        }

        return shares;
    }
}
