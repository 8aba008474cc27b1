namespace ChainPos.Domain.Tests.Pricing;

/// <summary>Builders for pricing tests.</summary>
internal static class Baskets
{
    public static readonly IReadOnlyDictionary<string, TaxRate> Rates = new Dictionary<string, TaxRate>
    {
        ["vat20"] = new("vat20", 2000, Inclusive: true),
        ["vat5"] = new("vat5", 500, Inclusive: true),
        ["sales5"] = new("sales5", 500, Inclusive: false),
    };

    public static PriceLineInput Line(
        int lineNo,
        long unitPrice,
        int quantity = 1,
        string taxClass = "vat20",
        string sku = "SKU-1",
        string category = "general",
        long? priceOverride = null,
        Discount? discount = null) =>
        new(lineNo, sku, category, taxClass, quantity, unitPrice, priceOverride, discount);

    public static PricedBasket Price(params PriceLineInput[] lines) => Price(new BasketInput(lines), []);

    public static PricedBasket Price(BasketInput basket, params Promotion[] promotions) =>
        PricingEngine.Price(basket, Rates, promotions);

    public static DomainException PriceFails(BasketInput basket, params Promotion[] promotions) =>
        Assert.Throws<DomainException>(() => Price(basket, promotions));
}
