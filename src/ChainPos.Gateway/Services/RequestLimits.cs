using ChainPos.Abstractions;
using ErrorCode = ChainPos.Domain.ErrorCode;

namespace ChainPos.Gateway.Services;

/// <summary>Size limits of repeated fields, checked before any grain is called.</summary>
internal static class RequestLimits
{
    /// <summary>Lines of a sale or a parked basket (the pricing engine's limit).</summary>
    public const int MaxSaleLines = 500;

    /// <summary>Lines of a return.</summary>
    public const int MaxReturnLines = 100;

    /// <summary>Coupon codes presented with one sale.</summary>
    public const int MaxCoupons = 20;

    /// <summary>SKUs per read (GetProducts, GetStock).</summary>
    public const int MaxSkusPerRead = 500;

    /// <summary>Products per upsert or CSV import.</summary>
    public const int MaxProductsPerWrite = 5000;

    /// <summary>Employees, promotions and tax rates of one store configuration.</summary>
    public const int MaxStoreEntries = 500;

    /// <summary>Throws ResourceExhausted when <paramref name="count"/> exceeds <paramref name="max"/>.</summary>
    public static void AtMost(int count, int max, string what)
    {
        if (count > max)
        {
            throw new PosException(ErrorCode.ResourceExhausted, $"At most {max} {what} per request (got {count}); split the request.");
        }
    }

    /// <summary>Throws InvalidArgument when nothing was sent, ResourceExhausted when too much was.</summary>
    public static void Between1And(int count, int max, string what)
    {
        if (count == 0)
        {
            throw PosException.Invalid($"Send 1..{max} {what} (got none).");
        }

        AtMost(count, max, what);
    }
}
