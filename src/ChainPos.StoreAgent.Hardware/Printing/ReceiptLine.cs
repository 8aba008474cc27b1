namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>One sold item as printed. Amounts are minor units.</summary>
/// <param name="Name">Product name as the receipt shows it.</param>
/// <param name="Quantity">Units sold.</param>
/// <param name="UnitPrice">Price of one unit.</param>
/// <param name="Amount">Quantity × unit price, before discounts.</param>
/// <param name="Discount">Discounts on this line as a positive number; 0 for none.</param>
/// <param name="DiscountLabel">What the discount was ("2 for 1.99"); "Discount" when null.</param>
public sealed record ReceiptLine(
    string Name,
    int Quantity,
    long UnitPrice,
    long Amount,
    long Discount = 0,
    string? DiscountLabel = null);
