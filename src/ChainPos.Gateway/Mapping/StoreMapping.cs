using ChainPos.Abstractions;
using ChainPos.Abstractions.Stores;
using ChainPos.Domain;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>
/// Store configuration. Incoming PINs are hashed here, so a plain PIN never reaches a grain; outgoing
/// configurations never carry a PIN or its hash.
/// </summary>
internal static class StoreMapping
{
    /// <summary>Used when a request leaves cashier_discount_limit_basis_points at 0.</summary>
    public const int DefaultCashierDiscountLimit = 1000;

    public static StoreSettings ToGrain(this V1.StoreConfig store)
    {
        var loyalty = store.Loyalty is { } l
            ? new LoyaltyRuleSpec(l.PointsPerMajorUnit, l.MinorPerPoint, l.SilverSpend, l.GoldSpend)
            : new LoyaltyRuleSpec(LoyaltyRule.Default.PointsPerMajorUnit, LoyaltyRule.Default.MinorPerPoint, LoyaltyRule.Default.SilverSpend, LoyaltyRule.Default.GoldSpend);
        return new StoreSettings(
            store.StoreId,
            store.Name,
            store.Currency,
            store.TimeZone,
            [.. store.TaxRates.Select(r => new TaxRateSpec(r.TaxClass, r.RateBasisPoints, r.Inclusive))],
            [.. store.RegisterIds],
            [.. store.Employees.Select(ToGrain)],
            [.. store.Promotions.Select(ToGrain)],
            loyalty,
            store.CashierDiscountLimitBasisPoints == 0 ? DefaultCashierDiscountLimit : store.CashierDiscountLimitBasisPoints,
            0,
            [.. store.WeightLabelPrefixes]);
    }

    public static V1.StoreConfig ToProto(this StoreSettings settings) => new()
    {
        StoreId = settings.StoreId,
        Name = settings.Name,
        Currency = settings.Currency,
        TimeZone = settings.TimeZone,
        TaxRates = { settings.TaxRates.Select(r => new V1.TaxRateConfig { TaxClass = r.TaxClass, RateBasisPoints = r.RateBasisPoints, Inclusive = r.Inclusive }) },
        RegisterIds = { settings.RegisterIds },
        Employees = { settings.Employees.Select(e => new V1.Employee { EmployeeId = e.EmployeeId, Name = e.Name, Role = ToProto(e.Role) }) },
        Promotions = { settings.Promotions.Select(ToProto) },
        Loyalty = new V1.LoyaltyRuleConfig
        {
            PointsPerMajorUnit = settings.Loyalty.PointsPerMajorUnit,
            MinorPerPoint = settings.Loyalty.MinorPerPoint,
            SilverSpend = settings.Loyalty.SilverSpend,
            GoldSpend = settings.Loyalty.GoldSpend,
        },
        CashierDiscountLimitBasisPoints = settings.CashierDiscountLimitBasisPoints,
        Version = settings.Version,
        WeightLabelPrefixes = { settings.WeightLabelPrefixes ?? [] },
    };

    /// <summary>An empty PIN keeps the stored hash (null); any other PIN must be 4-8 digits and is hashed.</summary>
    private static EmployeeSpec ToGrain(V1.Employee employee)
    {
        var role = employee.Role switch
        {
            V1.EmployeeRole.Cashier => EmployeeRole.Cashier,
            V1.EmployeeRole.Supervisor => EmployeeRole.Supervisor,
            V1.EmployeeRole.Manager => EmployeeRole.Manager,
            _ => throw PosException.Invalid($"Employee '{employee.EmployeeId}': role is required (cashier, supervisor or manager)."),
        };
        if (employee.Pin.Length > 0 && !PinHasher.IsValidPin(employee.Pin))
        {
            throw PosException.Invalid($"Employee '{employee.EmployeeId}': a PIN must be 4 to 8 digits.");
        }

        return new EmployeeSpec(employee.EmployeeId, employee.Name, role, employee.Pin.Length > 0 ? PinHasher.Hash(employee.Pin) : null);
    }

    private static V1.EmployeeRole ToProto(EmployeeRole role) => role switch
    {
        EmployeeRole.Cashier => V1.EmployeeRole.Cashier,
        EmployeeRole.Supervisor => V1.EmployeeRole.Supervisor,
        EmployeeRole.Manager => V1.EmployeeRole.Manager,
        _ => V1.EmployeeRole.Unspecified,
    };

    private static PromotionSpec ToGrain(V1.PromotionConfig p) => p.RuleCase switch
    {
        V1.PromotionConfig.RuleOneofCase.CategoryPercentOff => new PromotionSpec(p.PromotionId, p.Name, PromotionKind.CategoryPercentOff,
            Category: p.CategoryPercentOff.Category, PercentBasisPoints: p.CategoryPercentOff.PercentBasisPoints),
        V1.PromotionConfig.RuleOneofCase.MultiBuy => new PromotionSpec(p.PromotionId, p.Name, PromotionKind.MultiBuy,
            Sku: p.MultiBuy.Sku, BuyQuantity: p.MultiBuy.BuyQuantity, BundlePrice: p.MultiBuy.BundlePrice),
        V1.PromotionConfig.RuleOneofCase.CouponAmountOff => new PromotionSpec(p.PromotionId, p.Name, PromotionKind.CouponAmountOff,
            CouponCode: p.CouponAmountOff.CouponCode, Amount: p.CouponAmountOff.Amount, MinimumBasket: p.CouponAmountOff.MinimumBasket),
        _ => throw PosException.Invalid($"Promotion '{p.PromotionId}': a rule is required (category percent off, multi-buy or coupon amount off)."),
    };

    private static V1.PromotionConfig ToProto(PromotionSpec p)
    {
        var config = new V1.PromotionConfig { PromotionId = p.PromotionId, Name = p.Name };
        switch (p.Kind)
        {
            case PromotionKind.CategoryPercentOff:
                config.CategoryPercentOff = new V1.CategoryPercentOff { Category = p.Category ?? "", PercentBasisPoints = p.PercentBasisPoints };
                break;
            case PromotionKind.MultiBuy:
                config.MultiBuy = new V1.MultiBuy { Sku = p.Sku ?? "", BuyQuantity = p.BuyQuantity, BundlePrice = p.BundlePrice };
                break;
            default:
                config.CouponAmountOff = new V1.CouponAmountOff { CouponCode = p.CouponCode ?? "", Amount = p.Amount, MinimumBasket = p.MinimumBasket };
                break;
        }

        return config;
    }
}
