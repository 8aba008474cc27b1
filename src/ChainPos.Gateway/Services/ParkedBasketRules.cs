using ChainPos.Abstractions;
using ChainPos.Api.V1;
using ChainPos.Domain;

namespace ChainPos.Gateway.Services;

/// <summary>
/// What a parked basket must look like. The register grain checks a basket only when it is sold, so a
/// basket is checked here before it is parked: resuming it must not surprise the cashier.
/// </summary>
internal static class ParkedBasketRules
{
    public const int MaxLabelLength = 80;

    public static void Validate(SuspendSaleRequest request)
    {
        Ids.Require(request.SuspendId, "suspend_id");
        if (request.Label.Length > MaxLabelLength)
        {
            throw PosException.Invalid($"label is at most {MaxLabelLength} characters (got {request.Label.Length}).");
        }

        if (request.CustomerId.Length > 0)
        {
            Ids.Require(request.CustomerId, "customer_id");
        }

        RequestLimits.Between1And(request.Lines.Count, RequestLimits.MaxSaleLines, "lines in a parked basket");
        for (var i = 0; i < request.Lines.Count; i++)
        {
            ValidateLine(request.Lines[i], $"Line {i + 1}");
        }
    }

    private static void ValidateLine(SaleLine line, string where)
    {
        if (line.GiftCardCode.Length > 0 || line.GiftCardAmount != 0)
        {
            // A parked basket is stored as sent; a gift card code must never be stored in clear.
            throw PosException.Invalid($"{where}: gift card loads cannot be parked; ring them up after resuming the basket.");
        }

        Ids.Require(line.Sku, $"{where} sku");
        Check(line.Quantity is >= 1 and <= PricingLimits.MaxQuantity, $"{where}: quantity must be between 1 and {PricingLimits.MaxQuantity} (got {line.Quantity}).");
        Check(!line.HasPriceOverride || line.PriceOverride is >= 0 and <= PricingLimits.MaxUnitPrice,
            $"{where}: price override must be between 0 and {PricingLimits.MaxUnitPrice} (got {line.PriceOverride}).");
        if (line.Discount is { } d)
        {
            Check(d.PercentBasisPoints >= 0 && d.Amount >= 0, $"{where}: discount percent and amount must not be negative.");
            Check(d.PercentBasisPoints == 0 || d.Amount == 0, $"{where}: a discount is either a percent or an amount, not both.");
            Check(d.PercentBasisPoints <= PricingLimits.MaxBasisPoints, $"{where}: discount percent is at most {PricingLimits.MaxBasisPoints} basis points.");
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw PosException.Invalid(message);
        }
    }
}
