using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Offline;
using DomainDiscount = ChainPos.Domain.Discount;
using DomainPromotion = ChainPos.Domain.Promotion;

namespace ChainPos.StoreAgent.Selling;

/// <summary>A basket priced by the agent from its catalogue copy.</summary>
internal sealed record LocalPrice(PricedBasket Priced, IReadOnlyDictionary<string, CachedProduct> Products, StoreConfig Store);

/// <summary>Prices baskets with the same <see cref="PricingEngine"/> the platform's register uses, from the catalogue copy and store settings.</summary>
internal sealed class LocalPricer(CatalogCache catalog)
{
    public const int MaxLines = 500;

    /// <summary>The store's settings as last synced (null before the first sync).</summary>
    public StoreConfig? Store => catalog.Store;

    public LocalPrice Price(BasketDto basket)
    {
        var store = catalog.Store ?? throw AgentException.Unavailable("The catalogue has not been synced yet; connect the agent to the platform once.");
        if (basket.Lines is not { Count: > 0 and <= MaxLines })
        {
            throw AgentException.Invalid($"A sale needs 1..{MaxLines} lines.");
        }

        var products = new Dictionary<string, CachedProduct>(StringComparer.Ordinal);
        var lines = new List<PriceLineInput>(basket.Lines.Count);
        var labels = catalog.Labels;
        for (var i = 0; i < basket.Lines.Count; i++)
        {
            var line = basket.Lines[i];
            var product = catalog.Find(line.Sku ?? "") ?? throw AgentException.Invalid($"Line {i + 1}: SKU '{line.Sku}' is not in the catalogue.");
            if (!product.Active)
            {
                throw AgentException.Invalid($"Line {i + 1}: {product.Name} is discontinued and cannot be sold.");
            }

            if (line.Quantity is < 1 or > 9999)
            {
                throw AgentException.Invalid($"Line {i + 1}: quantity must be 1..9999.");
            }

            products[product.Sku] = product;
            var label = ScanLookup.Label(line.Barcode, product, labels, i + 1);
            var grams = label is { Kind: ScaleLabelKind.Weight } ? (int)label.Value : line.WeightGrams;
            if (label is { Kind: ScaleLabelKind.Weight } && line.WeightGrams is { } typed && typed != grams)
            {
                throw AgentException.Invalid($"Line {i + 1}: the weight {typed} g is not the label's {grams} g; scan the label again.");
            }

            lines.Add(new PriceLineInput(i + 1, product.Sku, product.Category, product.TaxClass, line.Quantity, product.Price, null,
                ToDiscount(line.DiscountBasisPoints, line.DiscountAmount, "line discount"), label is { Kind: ScaleLabelKind.Price } ? label.Value : null,
                product.SoldByWeight, grams));
        }

        try
        {
            var priced = PricingEngine.Price(
                new BasketInput(lines, ToDiscount(basket.DiscountBasisPoints, basket.DiscountAmount, "basket discount"), basket.Coupons ?? []),
                store.TaxRates.ToDictionary(r => r.TaxClass, r => new TaxRate(r.TaxClass, r.RateBasisPoints, r.Inclusive), StringComparer.Ordinal),
                Promotions(store));
            return new LocalPrice(priced, products, store);
        }
        catch (DomainException e)
        {
            throw AgentException.Invalid(e.Message);
        }
    }

    /// <summary>Whether the manual discounts exceed what a cashier may give alone (the store's limit).</summary>
    public static bool NeedsSupervisor(BasketDto basket, LocalPrice price)
    {
        var limit = price.Store.CashierDiscountLimitBasisPoints == 0 ? 1000 : price.Store.CashierDiscountLimitBasisPoints;
        return basket.Lines.Select((l, i) => (l, price.Priced.Lines[i].Gross)).Append((new BasketLineDto("", 1, basket.DiscountBasisPoints, basket.DiscountAmount), price.Priced.Subtotal))
            .Any(x => x.Item1.DiscountBasisPoints > limit || (decimal)x.Item1.DiscountAmount * 10_000 > (decimal)x.Item2 * limit);
    }

    private static DomainDiscount? ToDiscount(int basisPoints, long amount, string reason) => (basisPoints, amount) switch
    {
        (0, 0) => null,
        ( > 0, > 0) => throw AgentException.Invalid("A discount is a percent or an amount, not both."),
        ( > 0, _) => new DomainDiscount(DiscountKind.Percent, basisPoints, reason),
        (_, > 0) => new DomainDiscount(DiscountKind.Amount, amount, reason),
        _ => throw AgentException.Invalid("Discounts may not be negative."),
    };

    private static List<DomainPromotion> Promotions(StoreConfig store) =>
        [.. store.Promotions.Select<PromotionConfig, DomainPromotion>(p => p.RuleCase switch
        {
            PromotionConfig.RuleOneofCase.CategoryPercentOff => new ChainPos.Domain.CategoryPercentOff(p.PromotionId, p.Name, p.CategoryPercentOff.Category, p.CategoryPercentOff.PercentBasisPoints),
            PromotionConfig.RuleOneofCase.MultiBuy => new ChainPos.Domain.MultiBuy(p.PromotionId, p.Name, p.MultiBuy.Sku, p.MultiBuy.BuyQuantity, p.MultiBuy.BundlePrice),
            _ => new ChainPos.Domain.CouponAmountOff(p.PromotionId, p.Name, p.CouponAmountOff.CouponCode, p.CouponAmountOff.Amount, p.CouponAmountOff.MinimumBasket),
        })];
}
