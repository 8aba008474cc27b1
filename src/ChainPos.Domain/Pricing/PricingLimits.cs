namespace ChainPos.Domain;

/// <summary>The limits the <see cref="PricingEngine"/> enforces on its input.</summary>
public static class PricingLimits
{
    /// <summary>The most lines one basket can have.</summary>
    public const int MaxLines = 500;

    /// <summary>The most units one line can have.</summary>
    public const int MaxQuantity = 9999;

    /// <summary>The highest unit price (minor units).</summary>
    public const long MaxUnitPrice = 100_000_000;

    /// <summary>The highest percentage in basis points (100 %).</summary>
    public const int MaxBasisPoints = 10_000;
}
