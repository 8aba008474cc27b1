namespace ChainPos.Domain;

/// <summary>One line of a basket to price.</summary>
/// <param name="LineNo">The line number, unique within the basket; messages refer to it.</param>
/// <param name="Sku">The item's SKU.</param>
/// <param name="Category">The item's category, matched by <see cref="CategoryPercentOff"/>.</param>
/// <param name="TaxClass">The item's tax class; must be a key of the tax rate table.</param>
/// <param name="Quantity">Units sold, 1..9999.</param>
/// <param name="UnitPrice">The catalogue unit price in minor units, 0..100,000,000.</param>
/// <param name="PriceOverride">A unit price set by staff that replaces <paramref name="UnitPrice"/>, same range.</param>
/// <param name="LineDiscount">A manual discount on this line, applied after promotions.</param>
/// <param name="EmbeddedPrice">
/// The price printed in the item's price-embedded barcode (a scale label, <see cref="Barcodes.TryParsePriceEmbedded"/>), minor
/// units 0..<see cref="Barcodes.MaxEmbeddedPrice"/>: replaces <paramref name="UnitPrice"/> like a label, not a staff override.
/// Only on a line of quantity 1 without <paramref name="PriceOverride"/> (each label is one package).
/// </param>
/// <param name="SoldByWeight">
/// True for a product sold by weight (stock counted in grams): <paramref name="UnitPrice"/> and
/// <paramref name="PriceOverride"/> are per kilogram and the line needs <paramref name="WeightGrams"/>.
/// </param>
/// <param name="WeightGrams">
/// The weight sold, 1..<see cref="Weighing.MaxGrams"/> grams; only (and always) on a line sold by weight, quantity 1.
/// The line's gross is <see cref="Weighing.Amount"/> of its price per kilogram.
/// </param>
public sealed record PriceLineInput(
    int LineNo,
    string Sku,
    string Category,
    string TaxClass,
    int Quantity,
    long UnitPrice,
    long? PriceOverride = null,
    Discount? LineDiscount = null,
    long? EmbeddedPrice = null,
    bool SoldByWeight = false,
    int? WeightGrams = null);
