namespace ChainPos.Domain;

/// <summary>
/// "N for a price": on a line with the SKU, every full group of <paramref name="BuyQuantity"/> units
/// costs <paramref name="BundlePrice"/>; leftover units keep the unit price. Applied only when it is
/// cheaper than the normal price. Groups are counted per line: units of the same SKU on different
/// lines are not added together (the register merges scans of one SKU into one line).
/// </summary>
/// <param name="Id">The promotion's identifier.</param>
/// <param name="Name">The name shown to customers.</param>
/// <param name="Sku">The SKU the promotion applies to (ordinal, case-sensitive).</param>
/// <param name="BuyQuantity">Units in one group, at least 1.</param>
/// <param name="BundlePrice">The price of one group in minor units, at least 0.</param>
public sealed record MultiBuy(string Id, string Name, string Sku, int BuyQuantity, long BundlePrice)
    : Promotion(Id, Name);
