namespace ChainPos.LoadGen.ChainDay;

/// <summary>
/// Draws ranks 1..n with probability proportional to 1 / rank^s (Zipf): rank 1 is the best seller.
/// Inverse transform over a precomputed cumulative table; O(log n) per draw.
/// </summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int n, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        _cumulative = new double[n];
        double sum = 0;
        for (var rank = 1; rank <= n; rank++)
        {
            sum += 1.0 / Math.Pow(rank, exponent);
            _cumulative[rank - 1] = sum;
        }

        for (var i = 0; i < n; i++)
        {
            _cumulative[i] /= sum;
        }
    }

    public int Count => _cumulative.Length;

    /// <summary>The probability of <paramref name="rank"/> (1-based).</summary>
    public double Probability(int rank) => _cumulative[rank - 1] - (rank > 1 ? _cumulative[rank - 2] : 0);

    /// <summary>A rank 1..n.</summary>
    public int Next(Random random)
    {
        var u = random.NextDouble();
        var i = Array.BinarySearch(_cumulative, u);
        return Math.Min(i >= 0 ? i + 1 : ~i + 1, _cumulative.Length);
    }
}
