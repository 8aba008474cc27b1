using ChainPos.Abstractions.Stores;

namespace ChainPos.Grains.Stores;

/// <summary>Checks a store configuration before it replaces the current one; throws with the first problem found.</summary>
internal static class StoreSettingsValidator
{
    public static StoreSettings Validate(StoreSettings settings, string storeId, StoreSettings? current)
    {
        if (settings.StoreId != storeId)
        {
            throw PosException.Invalid($"store_id '{settings.StoreId}' does not match the store being configured ('{storeId}').");
        }

        Require(!string.IsNullOrWhiteSpace(settings.Name), "Store name is required.");
        Currencies.Require(settings.Currency);
        Require(IsTimeZone(settings.TimeZone), $"Time zone '{settings.TimeZone}' is not an IANA time zone such as 'Europe/Berlin'.");
        Require(settings.TaxRates.Count > 0, "At least one tax rate is required.");
        foreach (var rate in settings.TaxRates)
        {
            Ids.Require(rate.TaxClass, "tax_class");
            Require(rate.RateBasisPoints is >= 0 and <= 10_000, $"Tax class '{rate.TaxClass}': rate must be 0..10000 basis points.");
        }

        Require(settings.TaxRates.Select(r => r.TaxClass).Distinct(StringComparer.Ordinal).Count() == settings.TaxRates.Count, "Tax classes must be unique.");
        Require(settings.RegisterIds.Count is > 0 and <= 200, "A store needs 1..200 registers.");
        foreach (var registerId in settings.RegisterIds)
        {
            Ids.Require(registerId, "register_id");
        }

        Require(settings.RegisterIds.Distinct(StringComparer.Ordinal).Count() == settings.RegisterIds.Count, "Register ids must be unique.");
        Require(settings.CashierDiscountLimitBasisPoints is >= 0 and <= 10_000, "cashier_discount_limit_basis_points must be 0..10000.");
        var prefixes = settings.WeightLabelPrefixes ?? [];
        Require(prefixes.All(ScaleLabelLayout.IsLabelPrefix), "weight_label_prefixes are two-digit scale label prefixes 20..29.");
        var loyalty = settings.Loyalty;
        Require(loyalty.PointsPerMajorUnit >= 0 && loyalty.MinorPerPoint > 0 && loyalty.SilverSpend > 0 && loyalty.GoldSpend >= loyalty.SilverSpend,
            "Loyalty rule: points per unit >= 0, minor per point > 0, 0 < silver spend <= gold spend.");
        foreach (var promotion in settings.Promotions)
        {
            ValidatePromotion(promotion);
        }

        return settings with
        {
            Employees = MergeEmployees(settings.Employees, current?.Employees ?? []),
            WeightLabelPrefixes = [.. prefixes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
    }

    private static List<EmployeeSpec> MergeEmployees(IReadOnlyList<EmployeeSpec> incoming, IReadOnlyList<EmployeeSpec> existing)
    {
        var merged = new List<EmployeeSpec>(incoming.Count);
        foreach (var employee in incoming)
        {
            Ids.Require(employee.EmployeeId, "employee_id");
            Require(Enum.IsDefined(employee.Role), $"Employee '{employee.EmployeeId}': role is required (cashier, supervisor or manager).");
            var hash = employee.PinHash ?? existing.FirstOrDefault(e => e.EmployeeId == employee.EmployeeId)?.PinHash;
            Require(hash is not null, $"Employee '{employee.EmployeeId}' is new and needs a PIN.");
            merged.Add(employee with { PinHash = hash });
        }

        Require(merged.Select(e => e.EmployeeId).Distinct(StringComparer.Ordinal).Count() == merged.Count, "Employee ids must be unique.");
        return merged;
    }

    private static void ValidatePromotion(PromotionSpec p)
    {
        Ids.Require(p.PromotionId, "promotion_id");
        var ok = p.Kind switch
        {
            PromotionKind.CategoryPercentOff => !string.IsNullOrEmpty(p.Category) && p.PercentBasisPoints is > 0 and <= 10_000,
            PromotionKind.MultiBuy => !string.IsNullOrEmpty(p.Sku) && p.BuyQuantity >= 2 && p.BundlePrice >= 0,
            PromotionKind.CouponAmountOff => !string.IsNullOrEmpty(p.CouponCode) && p.Amount > 0 && p.MinimumBasket >= 0,
            _ => false,
        };
        Require(ok, $"Promotion '{p.PromotionId}' is incomplete for its kind ({p.Kind}).");
    }

    private static bool IsTimeZone(string id) => !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw PosException.Invalid(message);
        }
    }
}
