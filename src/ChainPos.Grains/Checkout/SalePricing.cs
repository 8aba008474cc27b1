using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Stores;
using DomainPromotion = ChainPos.Domain.Promotion;

namespace ChainPos.Grains.Checkout;

/// <summary>Turns a rung-up basket into Domain pricing input and back into the views a receipt shows.</summary>
internal static class SalePricing
{
    public const int MaxLines = 500;

    /// <summary>Name and tax class used for gift card load lines; they carry no tax and no discounts.</summary>
    public const string GiftCardTaxClass = "gift-card";

    public static Dictionary<string, TaxRate> TaxRates(StoreSettings settings) =>
        settings.TaxRates.ToDictionary(r => r.TaxClass, r => new TaxRate(r.TaxClass, r.RateBasisPoints, r.Inclusive), StringComparer.Ordinal);

    public static List<DomainPromotion> Promotions(StoreSettings settings) =>
        [.. settings.Promotions.Select<PromotionSpec, DomainPromotion>(p => p.Kind switch
        {
            PromotionKind.CategoryPercentOff => new CategoryPercentOff(p.PromotionId, p.Name, p.Category!, p.PercentBasisPoints),
            PromotionKind.MultiBuy => new MultiBuy(p.PromotionId, p.Name, p.Sku!, p.BuyQuantity, p.BundlePrice),
            _ => new CouponAmountOff(p.PromotionId, p.Name, p.CouponCode!, p.Amount, p.MinimumBasket),
        })];

    public static ScaleLabelLayout Labels(StoreSettings settings) =>
        settings.WeightLabelPrefixes is { Count: > 0 } prefixes ? new ScaleLabelLayout(prefixes) : ScaleLabelLayout.PriceOnly;

    public static LoyaltyRule LoyaltyRule(StoreSettings settings) =>
        new(settings.Loyalty.PointsPerMajorUnit, settings.Loyalty.MinorPerPoint, settings.Loyalty.SilverSpend, settings.Loyalty.GoldSpend);

    public static Discount? ToDomain(DiscountSpec? d) => d switch
    {
        null => null,
        { PercentBasisPoints: > 0, Amount: > 0 } => throw PosException.Invalid("A discount is either a percent or an amount, not both."),
        { PercentBasisPoints: > 0 } => new Discount(DiscountKind.Percent, d.PercentBasisPoints, d.Reason ?? ""),
        { Amount: > 0 } => new Discount(DiscountKind.Amount, d.Amount, d.Reason ?? ""),
        { PercentBasisPoints: 0, Amount: 0 } => null,
        _ => throw PosException.Invalid("Discount percent and amount must not be negative."),
    };

    /// <summary>Product lines in the order rung up, numbered from 1 across all lines (gift card lines included).</summary>
    public static BasketInput Basket(CompleteSaleCommand command, IReadOnlyDictionary<string, ProductInfo> products, ScaleLabelLayout labels)
    {
        var lines = new List<PriceLineInput>(command.Lines.Count);
        for (var i = 0; i < command.Lines.Count; i++)
        {
            var line = command.Lines[i];
            if (line.GiftCardCode is not null)
            {
                continue;
            }

            var product = products[line.Sku!];
            var label = Label(line, product, labels, i + 1);
            lines.Add(new PriceLineInput(i + 1, product.Sku, product.Category, product.TaxClass, line.Quantity, product.Price, line.PriceOverride, ToDomain(line.Discount),
                label is { Kind: ScaleLabelKind.Price } ? label.Value : null, product.SoldByWeight, Weight(line, label, i + 1)));
        }

        return new BasketInput(lines, ToDomain(command.BasketDiscount), command.CouponCodes);
    }

    /// <summary>
    /// The priced "basket" of a sale made only of gift card loads: no product to price (the pricing engine
    /// requires at least one), so nothing to discount or tax; the loads are added to the total by the caller.
    /// </summary>
    public static PricedBasket GiftCardsOnly(CompleteSaleCommand command) =>
        ToDomain(command.BasketDiscount) is not null || command.CouponCodes is { Count: > 0 }
            ? throw PosException.Invalid("Discounts and coupons apply to products; this sale has only gift card lines.")
            : new PricedBasket([], 0, 0, 0, 0, [], []);

    /// <summary>Checks a line's scale label on its own (before the products are loaded); a line without one passes.</summary>
    public static void RequireEmbeddedBarcode(SaleLineSpec line, ScaleLabelLayout labels, int lineNo)
    {
        if (line.WeightGrams is < 1 or > Weighing.MaxGrams)
        {
            throw PosException.Invalid($"Line {lineNo}: weight_grams must be between 1 and {Weighing.MaxGrams} (got {line.WeightGrams}).");
        }

        if (line.EmbeddedBarcode is not { } code)
        {
            return;
        }

        var label = Decode(code, labels, lineNo);
        if (line.Quantity != 1 || line.PriceOverride is not null)
        {
            throw PosException.Invalid(label.Kind == ScaleLabelKind.Weight
                ? $"Line {lineNo}: a weight label is one package, quantity 1 and no price override (scan each package)."
                : $"Line {lineNo}: a price-embedded item is sold one label at a time, quantity 1 and no price override (scan each package).");
        }
    }

    /// <summary>The line's scale label, once its item code is known to be the product's; null without a label.</summary>
    public static ScaleLabel? Label(SaleLineSpec line, ProductInfo product, ScaleLabelLayout labels, int lineNo)
    {
        if (line.EmbeddedBarcode is not { } code)
        {
            return null;
        }

        var label = Decode(code, labels, lineNo);
        return Barcodes.IsItemOf(label.ItemCode, product.Barcodes)
            ? label
            : throw PosException.Invalid($"Line {lineNo}: label item {label.ItemCode} is not SKU '{product.Sku}' ({product.Name}); scan the label again or list its price-embedded code on the product.");
    }

    /// <summary>The weight of the line: its weight label's, or the one typed in; both must agree.</summary>
    private static int? Weight(SaleLineSpec line, ScaleLabel? label, int lineNo)
    {
        if (label is not { Kind: ScaleLabelKind.Weight })
        {
            return line.WeightGrams;
        }

        return line.WeightGrams is null || line.WeightGrams == label.Value
            ? (int)label.Value
            : throw PosException.Invalid($"Line {lineNo}: weight_grams {line.WeightGrams} is not the label's weight of {label.Value} g; send the label alone.");
    }

    private static ScaleLabel Decode(string code, ScaleLabelLayout labels, int lineNo) =>
        labels.TryDecode(code, out var label)
            ? label
            : throw PosException.Invalid($"Line {lineNo}: '{Clip(code)}' is not a price-embedded EAN-13 (13 digits, prefix 2, valid check digit); scan the label again.");

    private static string Clip(string code) => code.Length <= 20 ? code : code[..20] + "…";

    public static PricedLineView View(PricedLine line, string name) => new(
        line.LineNo, line.Sku, name, line.Quantity, line.UnitPrice, line.Gross,
        line.PromotionDiscount + line.ManualDiscount + line.BasketDiscount, line.Net, line.Tax, line.TaxClass, line.Promotions, WeightGrams: line.WeightGrams);

    public static TaxView View(TaxLine tax) => new(tax.TaxClass, tax.RateBasisPoints, tax.Inclusive, tax.Taxable, tax.Tax);

    /// <summary>Whether the manual discounts and overrides of a basket need a supervisor's approval.</summary>
    public static bool NeedsSupervisor(CompleteSaleCommand command, IReadOnlyDictionary<string, ProductInfo> products, ScaleLabelLayout labels, int limitBasisPoints)
    {
        long basketGross = 0;
        foreach (var line in command.Lines.Where(l => l.GiftCardCode is null))
        {
            var product = products[line.Sku!];
            var label = line.EmbeddedBarcode is { } code && labels.TryDecode(code, out var l) ? l : null;
            var unitPrice = line.PriceOverride ?? (label is { Kind: ScaleLabelKind.Price } ? label.Value : product.Price);
            var grams = label is { Kind: ScaleLabelKind.Weight } ? (int)label.Value : line.WeightGrams;
            var gross = grams is { } g && product.SoldByWeight ? Weighing.Amount(unitPrice, g) : unitPrice * line.Quantity;
            basketGross += gross;
            if (line.PriceOverride is not null && line.PriceOverride != product.Price)
            {
                return true;
            }

            if (Exceeds(line.Discount, gross, limitBasisPoints))
            {
                return true;
            }
        }

        return Exceeds(command.BasketDiscount, basketGross, limitBasisPoints);
    }

    private static bool Exceeds(DiscountSpec? discount, long gross, int limitBasisPoints) => discount switch
    {
        null => false,
        { PercentBasisPoints: > 0 } => discount.PercentBasisPoints > limitBasisPoints,
        _ => (decimal)discount.Amount * 10_000 > (decimal)gross * limitBasisPoints,
    };
}
