namespace ChainPos.Domain;

/// <summary>A priced basket line. All amounts are in minor units.</summary>
/// <param name="LineNo">The input line number.</param>
/// <param name="Sku">The item's SKU.</param>
/// <param name="Quantity">Units sold.</param>
/// <param name="UnitPrice">The unit price used (per kilogram on a weighed line): the override when there is one, else the catalogue price.</param>
/// <param name="Gross">UnitPrice × Quantity; on a weighed line UnitPrice × WeightGrams / 1000 rounded (<see cref="Weighing.Amount"/>).</param>
/// <param name="PromotionDiscount">The discount from the line-level promotion (multi-buy or category percent).</param>
/// <param name="ManualDiscount">The manual line discount.</param>
/// <param name="BasketDiscount">This line's share of the coupons and of the manual basket discount.</param>
/// <param name="Net">Gross minus all three discounts; never negative. Tax-inclusive lines contain their tax.</param>
/// <param name="Tax">This line's share of its tax class's tax.</param>
/// <param name="TaxClass">The line's tax class.</param>
/// <param name="Promotions">Ids of the line-level promotions applied to this line (coupons are listed on the basket only).</param>
/// <param name="WeightGrams">The weight sold on a weighed line; null on a line sold by the unit.</param>
public sealed record PricedLine(
    int LineNo,
    string Sku,
    int Quantity,
    long UnitPrice,
    long Gross,
    long PromotionDiscount,
    long ManualDiscount,
    long BasketDiscount,
    long Net,
    long Tax,
    string TaxClass,
    IReadOnlyList<string> Promotions,
    int? WeightGrams = null);
