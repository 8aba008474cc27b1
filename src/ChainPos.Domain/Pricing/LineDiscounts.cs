namespace ChainPos.Domain;

/// <summary>The line-level steps: the best promotion, then the manual line discount.</summary>
internal static class LineDiscounts
{
    /// <summary>Gives each line the single line-level promotion that saves the customer most (the first one listed on a tie).</summary>
    public static void ApplyPromotions(IReadOnlyList<LineWork> lines, IReadOnlyList<Promotion> promotions)
    {
        foreach (var line in lines)
        {
            foreach (var promotion in promotions)
            {
                // A weighed line is one item at its amount (a multi-buy counts it once, a percent applies to its amount).
                var discount = line.Input.WeightGrams is null
                    ? PromotionRules.LineDiscount(promotion, line.Input.Sku, line.Input.Category, line.Input.Quantity, line.UnitPrice)
                    : PromotionRules.LineDiscount(promotion, line.Input.Sku, line.Input.Category, 1, line.Gross);
                if (discount > line.PromotionDiscount)
                {
                    line.Promotion = promotion;
                    line.PromotionDiscount = discount;
                }
            }
        }
    }

    /// <summary>Applies each line's manual discount to what the promotion left.</summary>
    public static void ApplyManual(IReadOnlyList<LineWork> lines)
    {
        foreach (var line in lines)
        {
            if (line.Input.LineDiscount is { } discount)
            {
                line.ManualDiscount = DiscountRules.AmountOff(discount, line.Net, $"Line {line.Input.LineNo}");
            }
        }
    }
}
