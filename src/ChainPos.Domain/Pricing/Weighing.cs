namespace ChainPos.Domain;

/// <summary>The amount of a weighed line.</summary>
public static class Weighing
{
    /// <summary>Grams in a kilogram.</summary>
    public const int GramsPerKilogram = 1_000;

    /// <summary>The heaviest weight one line may carry: 100 kg.</summary>
    public const int MaxGrams = 100_000;

    /// <summary>
    /// <paramref name="pricePerKilogram"/> × <paramref name="grams"/> / 1000, rounded once to the minor unit, half away
    /// from zero (598 per kg × 512 g = 306.176 → 306; 199 per kg × 250 g = 49.75 → 50).
    /// </summary>
    public static long Amount(long pricePerKilogram, int grams) =>
        MoneyMath.DivideRounded((Int128)pricePerKilogram * grams, GramsPerKilogram);
}
