namespace ChainPos.Domain;

/// <summary>A basket line while the <see cref="PricingEngine"/> works on it.</summary>
internal sealed class LineWork(PriceLineInput input)
{
    public PriceLineInput Input { get; } = input;

    public long UnitPrice { get; } = input.PriceOverride ?? input.EmbeddedPrice ?? input.UnitPrice;

    /// <summary>UnitPrice × Quantity; a weighed line's UnitPrice is per kilogram, rounded once here.</summary>
    public long Gross => Input.WeightGrams is { } grams ? Weighing.Amount(UnitPrice, grams) : UnitPrice * Input.Quantity;

    public Promotion? Promotion { get; set; }

    public long PromotionDiscount { get; set; }

    public long ManualDiscount { get; set; }

    public long BasketDiscount { get; set; }

    public long Tax { get; set; }

    public long Net => Gross - PromotionDiscount - ManualDiscount - BasketDiscount;

    public PricedLine ToPricedLine() => new(
        Input.LineNo,
        Input.Sku,
        Input.Quantity,
        UnitPrice,
        Gross,
        PromotionDiscount,
        ManualDiscount,
        BasketDiscount,
        Net,
        Tax,
        Input.TaxClass,
        Promotion is null ? [] : [Promotion.Id],
        Input.WeightGrams);
}
