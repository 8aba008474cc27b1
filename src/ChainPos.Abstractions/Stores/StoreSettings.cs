namespace ChainPos.Abstractions.Stores;

/// <summary>Role of an employee; higher roles include the rights of lower ones.</summary>
[GenerateSerializer]
public enum EmployeeRole
{
    Cashier = 1,
    Supervisor = 2,
    Manager = 3,
}

/// <summary>What a promotion does; the fields of <see cref="PromotionSpec"/> that apply depend on it.</summary>
[GenerateSerializer]
public enum PromotionKind
{
    CategoryPercentOff = 1,
    MultiBuy = 2,
    CouponAmountOff = 3,
}

[GenerateSerializer, Immutable, Alias("chainpos.TaxRateSpec")]
public sealed record TaxRateSpec(string TaxClass, int RateBasisPoints, bool Inclusive);

/// <summary>An employee. <see cref="PinHash"/> is a PBKDF2 hash; plain PINs never reach a grain's state.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.EmployeeSpec")]
public sealed record EmployeeSpec(string EmployeeId, string Name, EmployeeRole Role, string? PinHash);

[GenerateSerializer, Immutable, Alias("chainpos.PromotionSpec")]
public sealed record PromotionSpec(
    string PromotionId,
    string Name,
    PromotionKind Kind,
    string? Category = null,
    int PercentBasisPoints = 0,
    string? Sku = null,
    int BuyQuantity = 0,
    long BundlePrice = 0,
    string? CouponCode = null,
    long Amount = 0,
    long MinimumBasket = 0);

[GenerateSerializer, Immutable, Alias("chainpos.LoyaltyRuleSpec")]
public sealed record LoyaltyRuleSpec(int PointsPerMajorUnit, long MinorPerPoint, long SilverSpend, long GoldSpend);

/// <summary>
/// Everything a store is configured with. <see cref="WeightLabelPrefixes"/> are the scale label prefixes (20..29) whose labels
/// carry a weight in grams; every other prefix 2 label carries a price (null or empty: all of them).
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.StoreSettings")]
public sealed record StoreSettings(
    string StoreId,
    string Name,
    string Currency,
    string TimeZone,
    IReadOnlyList<TaxRateSpec> TaxRates,
    IReadOnlyList<string> RegisterIds,
    IReadOnlyList<EmployeeSpec> Employees,
    IReadOnlyList<PromotionSpec> Promotions,
    LoyaltyRuleSpec Loyalty,
    int CashierDiscountLimitBasisPoints,
    long Version,
    IReadOnlyList<string>? WeightLabelPrefixes = null);
