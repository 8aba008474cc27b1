namespace ChainPos.Domain;

/// <summary>A percentage off every line whose category matches (ordinal, case-sensitive).</summary>
/// <param name="Id">The promotion's identifier.</param>
/// <param name="Name">The name shown to customers.</param>
/// <param name="Category">The category the promotion applies to.</param>
/// <param name="PercentBasisPoints">The percentage off in basis points, 1..10000 (1000 is 10 %).</param>
public sealed record CategoryPercentOff(string Id, string Name, string Category, int PercentBasisPoints)
    : Promotion(Id, Name);
