namespace ChainPos.Domain;

/// <summary>The outcome of settling tenders against a total. Amounts are in minor units.</summary>
/// <param name="Total">The amount due.</param>
/// <param name="Tendered">The sum of all tenders.</param>
/// <param name="Change">Cash given back: Tendered − Total.</param>
public sealed record TenderSettlement(long Total, long Tendered, long Change);
