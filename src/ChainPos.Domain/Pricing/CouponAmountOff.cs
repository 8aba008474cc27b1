namespace ChainPos.Domain;

/// <summary>
/// A fixed amount off the basket, applied only when the customer presents the coupon code
/// (case-insensitive) and the basket after line-level discounts is at least <paramref name="MinimumBasket"/>.
/// The amount is shared among the lines pro rata.
/// </summary>
/// <param name="Id">The promotion's identifier.</param>
/// <param name="Name">The name shown to customers.</param>
/// <param name="CouponCode">The code the customer presents.</param>
/// <param name="Amount">The amount off in minor units, &gt; 0.</param>
/// <param name="MinimumBasket">The smallest basket (minor units, after line-level discounts) the coupon applies to, &gt;= 0.</param>
public sealed record CouponAmountOff(string Id, string Name, string CouponCode, long Amount, long MinimumBasket)
    : Promotion(Id, Name);
