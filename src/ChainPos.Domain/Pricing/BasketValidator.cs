namespace ChainPos.Domain;

/// <summary>Checks a basket before it is priced; every message names the line at fault.</summary>
internal static class BasketValidator
{
    public static void Validate(BasketInput basket, IReadOnlyDictionary<string, TaxRate> taxRates, IReadOnlyList<Promotion> promotions)
    {
        foreach (var promotion in promotions)
        {
            PromotionRules.Validate(promotion);
        }

        var count = basket.Lines?.Count ?? 0;
        if (count is < 1 or > PricingLimits.MaxLines)
        {
            throw DomainException.Invalid($"A basket must have between 1 and {PricingLimits.MaxLines} lines (got {count}).");
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var line = basket.Lines![i]
                ?? throw DomainException.Invalid($"The line at position {i + 1} is empty; remove it.");
            if (!seen.Add(line.LineNo))
            {
                throw DomainException.Invalid($"Line {line.LineNo}: the line number is used more than once; give each line its own number.");
            }

            ValidateLine(line, taxRates);
        }

        if (basket.BasketDiscount is not null)
        {
            DiscountRules.Validate(basket.BasketDiscount, "Basket discount");
        }

        foreach (var code in basket.CouponCodes ?? [])
        {
            if (CouponLookup.Find(promotions, code) is null)
            {
                throw DomainException.Invalid($"coupon '{Text.Clip(code)}' is not valid. Check the code or remove it.");
            }
        }
    }

    private static void ValidateLine(PriceLineInput line, IReadOnlyDictionary<string, TaxRate> taxRates)
    {
        var where = $"Line {line.LineNo}";
        if (line.Quantity is < 1 or > PricingLimits.MaxQuantity)
        {
            throw DomainException.Invalid($"{where}: quantity must be between 1 and {PricingLimits.MaxQuantity} (got {line.Quantity}).");
        }

        if (line.UnitPrice is < 0 or > PricingLimits.MaxUnitPrice)
        {
            throw DomainException.Invalid($"{where}: unit price must be between 0 and {PricingLimits.MaxUnitPrice} (got {line.UnitPrice}).");
        }

        if (line.PriceOverride is < 0 or > PricingLimits.MaxUnitPrice)
        {
            throw DomainException.Invalid($"{where}: price override must be between 0 and {PricingLimits.MaxUnitPrice} (got {line.PriceOverride}).");
        }

        if (line.EmbeddedPrice is { } embedded)
        {
            if (embedded is < 0 or > Barcodes.MaxEmbeddedPrice)
            {
                throw DomainException.Invalid($"{where}: an embedded price must be between 0 and {Barcodes.MaxEmbeddedPrice} (got {embedded}).");
            }

            if (line.Quantity != 1 || line.PriceOverride is not null)
            {
                throw DomainException.Invalid($"{where}: a price-embedded item is sold one label at a time, quantity 1 and no price override (scan each package).");
            }
        }

        ValidateWeight(line, where);
        if (line.TaxClass is null || !taxRates.TryGetValue(line.TaxClass, out var rate))
        {
            throw DomainException.Invalid($"{where}: tax class '{Text.Clip(line.TaxClass)}' is not configured. Add a tax rate for it or correct the item.");
        }

        if (rate.RateBasisPoints is < 0 or > PricingLimits.MaxBasisPoints)
        {
            throw DomainException.Invalid($"{where}: tax class '{line.TaxClass}' has a rate of {rate.RateBasisPoints} basis points; rates must be between 0 and 10000.");
        }

        if (line.LineDiscount is not null)
        {
            DiscountRules.Validate(line.LineDiscount, where);
        }
    }

    private static void ValidateWeight(PriceLineInput line, string where)
    {
        if (!line.SoldByWeight)
        {
            if (line.WeightGrams is not null)
            {
                throw DomainException.Invalid($"{where}: SKU '{Text.Clip(line.Sku)}' is sold by the unit, not by weight; remove the weight.");
            }

            return;
        }

        if (line.WeightGrams is not { } grams)
        {
            throw DomainException.Invalid($"{where}: SKU '{Text.Clip(line.Sku)}' is sold by weight; weigh it or scan its weight label.");
        }

        if (grams is < 1 or > Weighing.MaxGrams)
        {
            throw DomainException.Invalid($"{where}: a weight must be between 1 and {Weighing.MaxGrams} grams (got {grams}).");
        }

        if (line.Quantity != 1 || line.EmbeddedPrice is not null)
        {
            throw DomainException.Invalid($"{where}: a weighed item is one line per weighing, quantity 1, priced by its weight (not a price label).");
        }
    }
}
