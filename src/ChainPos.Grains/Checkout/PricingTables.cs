using ChainPos.Abstractions.Stores;
using DomainPromotion = ChainPos.Domain.Promotion;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// The Domain tables a sale is priced with, built once per store settings version: a register keeps the last one
/// and rebuilds it only when the Store grain hands out a newer version (every change of the settings bumps it).
/// </summary>
internal sealed class PricingTables
{
    private PricingTables(StoreSettings settings)
    {
        Settings = settings;
        TaxRates = SalePricing.TaxRates(settings);
        Promotions = SalePricing.Promotions(settings);
        LoyaltyRule = SalePricing.LoyaltyRule(settings);
        Labels = SalePricing.Labels(settings);
    }

    public StoreSettings Settings { get; }

    public IReadOnlyDictionary<string, TaxRate> TaxRates { get; }

    public IReadOnlyList<DomainPromotion> Promotions { get; }

    public LoyaltyRule LoyaltyRule { get; }

    public ScaleLabelLayout Labels { get; }

    /// <summary>Returns <paramref name="cached"/> while it was built from the same settings version, else new tables.</summary>
    public static PricingTables For(PricingTables? cached, StoreSettings settings) =>
        cached is not null && (ReferenceEquals(cached.Settings, settings)
            || (cached.Settings.Version == settings.Version && cached.Settings.StoreId == settings.StoreId))
            ? cached
            : new PricingTables(settings);
}
