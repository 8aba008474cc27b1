namespace ChainPos.Domain;

/// <summary>Exact integer arithmetic on minor units; every rounding is half away from zero.</summary>
internal static class MoneyMath
{
    /// <summary>One basis point is 1/10000.</summary>
    public const int BasisPointsPerUnit = 10_000;

    /// <summary>10 to the power <paramref name="exponent"/> (0..18).</summary>
    public static long PowerOfTen(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result = checked(result * 10);
        }

        return result;
    }

    /// <summary>numerator / denominator rounded half away from zero, computed exactly (denominator &gt; 0).</summary>
    public static long DivideRounded(Int128 numerator, Int128 denominator)
    {
        var (result, remainder) = Int128.DivRem(numerator, denominator);
        if (Int128.Abs(remainder) * 2 >= denominator)
        {
            result += Int128.Sign(numerator);
        }

        return checked((long)result);
    }

    /// <summary><paramref name="amount"/> × <paramref name="basisPoints"/> / 10000, rounded half away from zero.</summary>
    public static long ApplyBasisPoints(long amount, int basisPoints) =>
        DivideRounded((Int128)amount * basisPoints, BasisPointsPerUnit);
}
