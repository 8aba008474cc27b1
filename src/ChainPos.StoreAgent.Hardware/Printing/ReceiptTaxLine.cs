namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>Tax charged at one rate. Amounts are minor units.</summary>
/// <param name="Label">What the receipt calls it ("VAT").</param>
/// <param name="RateBasisPoints">Rate in basis points: 2000 is 20 %.</param>
/// <param name="Inclusive">True when the tax is inside the prices (VAT); false when added on top.</param>
/// <param name="Taxable">The amount the tax was computed on.</param>
/// <param name="Tax">The tax.</param>
public sealed record ReceiptTaxLine(string Label, int RateBasisPoints, bool Inclusive, long Taxable, long Tax);
