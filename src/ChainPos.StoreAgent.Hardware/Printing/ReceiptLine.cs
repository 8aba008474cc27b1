namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>One sold item as printed. Amounts are minor units.</summary>
/// <param name="Name">Product name as the receipt shows it.</param>
/// <param name="Quantity">Units sold (1 for a weighed item).</param>
/// <param name="UnitPrice">Price of one unit; per kilogram for a weighed item.</param>
/// <param name="Amount">Quantity × unit price (for a weighed item, its priced weight), before discounts.</param>
/// <param name="Discount">Discounts on this line as a positive number; 0 for none.</param>
/// <param name="DiscountLabel">What the discount was ("2 for 1.99"); "Discount" when null.</param>
/// <param name="WeightGrams">The weight of an item sold by weight, printed under its name as "0.512 kg @ 5.98/kg".</param>
public sealed record ReceiptLine(
    string Name,
    int Quantity,
    long UnitPrice,
    long Amount,
    long Discount = 0,
    string? DiscountLabel = null,
    int? WeightGrams = null);
