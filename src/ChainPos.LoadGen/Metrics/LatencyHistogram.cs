namespace ChainPos.LoadGen.Metrics;

/// <summary>
/// A log-linear (HDR-style) histogram of latencies in microseconds: exact below 128 µs, then 64
/// buckets per power of two, so every value is kept within 1/64 (1.6 %) of its true size from 1 µs to
/// days. Lock-free: many callers record at once; percentiles are read at any time.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 6;
    private const int Linear = 1 << (SubBits + 1);
    private const int Half = 1 << SubBits;
    private const int MaxExponent = 40;
    private readonly long[] _counts = new long[Linear + (MaxExponent * Half)];
    private long _total;
    private long _max;

    /// <summary>Values recorded so far.</summary>
    public long Count => Interlocked.Read(ref _total);

    /// <summary>The largest value recorded, exactly (µs).</summary>
    public long Max => Interlocked.Read(ref _max);

    /// <summary>Records one latency in microseconds (negative values count as 0).</summary>
    public void Record(long micros)
    {
        var value = Math.Max(0, micros);
        Interlocked.Increment(ref _counts[Index(value)]);
        Interlocked.Increment(ref _total);
        var seen = Interlocked.Read(ref _max);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref _max, value, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0..1]: the top of the bucket holding the
    /// ceil(q × count)-th smallest value, never above the exact maximum; 0 when empty.
    /// </summary>
    public long ValueAt(double q)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(q);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Add(ref _counts[i], Interlocked.Read(ref other._counts[i]));
        }

        Interlocked.Add(ref _total, other.Count);
        var max = other.Max;
        while (max > Max)
        {
            Interlocked.CompareExchange(ref _max, max, Max);
        }
    }

    /// <summary>Bucket of a value: the value itself below <see cref="Linear"/>, then 64 per power of two.</summary>
    internal static int Index(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var shift = (int)Math.Min(63 - long.LeadingZeroCount(value) - SubBits, MaxExponent);
        var top = Math.Min(value >> shift, Linear - 1);
        return Linear + ((shift - 1) * Half) + (int)(top - Half);
    }

    /// <summary>The largest value that falls into bucket <paramref name="index"/>.</summary>
    internal static long UpperBound(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var shift = ((index - Linear) / Half) + 1;
        long top = ((index - Linear) % Half) + Half;
        return ((top + 1) << shift) - 1;
    }
}
