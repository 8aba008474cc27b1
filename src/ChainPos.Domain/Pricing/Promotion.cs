namespace ChainPos.Domain;

/// <summary>An automatic or coupon promotion the <see cref="PricingEngine"/> applies.</summary>
/// <param name="Id">The promotion's identifier; reported in <see cref="PricedLine.Promotions"/> and <see cref="PricedBasket.AppliedPromotions"/>.</param>
/// <param name="Name">The name shown to customers.</param>
public abstract record Promotion(string Id, string Name);
