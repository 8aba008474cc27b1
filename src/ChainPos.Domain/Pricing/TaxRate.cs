namespace ChainPos.Domain;

/// <summary>The tax rate of a tax class.</summary>
/// <param name="TaxClass">The tax class this rate belongs to (e.g. "standard", "reduced").</param>
/// <param name="RateBasisPoints">The rate in basis points: 2000 is 20.00 %.</param>
/// <param name="Inclusive">True when shelf prices already contain the tax (VAT style); false when tax is added on top (sales-tax style).</param>
public sealed record TaxRate(string TaxClass, int RateBasisPoints, bool Inclusive);
