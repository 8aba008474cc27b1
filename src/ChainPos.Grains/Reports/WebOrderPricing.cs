using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Stores;
using ChainPos.Grains.Checkout;

namespace ChainPos.Grains.Reports;

/// <summary>
/// Prices one store's share of a web order with the Domain pricing engine and the store's tax rates, exactly as the
/// till would price those units (no promotions: the order holds catalogue prices). A tax class the store has no rate
/// for (or a location that is not a configured store) counts at rate 0.
/// </summary>
internal static class WebOrderPricing
{
    public static (List<PricedLineView> Lines, List<TaxView> Taxes) Price(
        WebOrderRecord order, string location, StoreSettings? settings, IReadOnlyDictionary<string, ProductInfo> products)
    {
        var rates = settings is null ? new Dictionary<string, TaxRate>(StringComparer.Ordinal) : SalePricing.TaxRates(settings);
        var inputs = new List<(WebOrderLine Line, PriceLineInput Input)>();
        foreach (var (line, i) in order.Lines.Select((l, i) => (l, i)))
        {
            var quantity = line.Allocations.Where(a => a.LocationId == location).Sum(a => a.Quantity);
            if (quantity == 0)
            {
                continue;
            }

            var product = products.GetValueOrDefault(line.Sku);
            var taxClass = product?.TaxClass ?? "";
            rates.TryAdd(taxClass, new TaxRate(taxClass, 0, true));
            inputs.Add((line, new PriceLineInput(i + 1, line.Sku, product?.Category ?? "", taxClass, (int)quantity, line.UnitPrice)));
        }

        var priced = PricingEngine.Price(new BasketInput([.. inputs.Select(x => x.Input)]), rates, []);
        var lines = priced.Lines.Select((l, i) => new PricedLineView(
            l.LineNo, l.Sku, inputs[i].Line.Name, l.Quantity, l.UnitPrice, l.Gross, 0, l.Net, l.Tax, l.TaxClass, [])).ToList();
        var taxes = priced.Taxes.Select(t => new TaxView(t.TaxClass, t.RateBasisPoints, t.Inclusive, t.Taxable, t.Tax)).ToList();
        return (lines, taxes);
    }
}
