namespace ChainPos.Domain;

/// <summary>The tax of one tax class in a basket. Amounts are in minor units.</summary>
/// <param name="TaxClass">The tax class.</param>
/// <param name="RateBasisPoints">The rate in basis points.</param>
/// <param name="Inclusive">Whether the tax is contained in the prices.</param>
/// <param name="Taxable">The sum of the Net of the class's lines (tax included when inclusive).</param>
/// <param name="Tax">The tax of the class, rounded once for the whole class.</param>
public sealed record TaxLine(string TaxClass, int RateBasisPoints, bool Inclusive, long Taxable, long Tax);
