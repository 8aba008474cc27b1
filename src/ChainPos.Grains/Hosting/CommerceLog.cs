using Microsoft.Extensions.Logging;

namespace ChainPos.Grains.Hosting;

/// <summary>Log lines of online reservations and the availability index, source-generated.</summary>
internal static partial class CommerceLog
{
    [LoggerMessage(1201, LogLevel.Warning, "Stock of {Sku} at {Location}: push to the availability index failed; will retry")]
    public static partial void AvailabilityPushFailed(this ILogger logger, Exception error, string sku, string location);

    [LoggerMessage(1202, LogLevel.Information, "Stock of {Sku} at {Location}: reservation {ReservationId} of {Quantity} expired (its order's expiry plus the grace has passed)")]
    public static partial void StockReservationLapsed(this ILogger logger, string sku, string location, string reservationId, long quantity);

    [LoggerMessage(1203, LogLevel.Warning, "Stock of {Sku} at {Location}: reservation {ReservationId} was committed after it had lapsed; {Quantity} units taken off the books")]
    public static partial void CommittedAfterLapse(this ILogger logger, string sku, string location, string reservationId, long quantity);

    [LoggerMessage(1204, LogLevel.Warning, "Stock of {Sku} at {Location}: the reservation-expiry reminder could not be removed; it ticks again and retries")]
    public static partial void ExpiryReminderNotRemoved(this ILogger logger, Exception error, string sku, string location);

    [LoggerMessage(1209, LogLevel.Warning, "Stock of {Sku} at {Location}: a page of movement history could not be moved out of the stock grain; it stays in its state and is tried again")]
    public static partial void MovementPageFailed(this ILogger logger, Exception error, string sku, string location);

    [LoggerMessage(1211, LogLevel.Information, "Order {OrderId}: reservation expired at {ExpiresAt}; releasing its stock")]
    public static partial void ReservationExpired(this ILogger logger, string orderId, DateTimeOffset expiresAt);

    [LoggerMessage(1212, LogLevel.Warning, "Order {OrderId}: stock at {Location} had no record of reservation {ReservationId} on {Action} (ended and pruned long ago)")]
    public static partial void StockReservationUnknown(this ILogger logger, string orderId, string location, string reservationId, string action);

    [LoggerMessage(1213, LogLevel.Warning, "Order {OrderId}: effects not applied yet ({Phase}); they are retried on the next call or reminder tick")]
    public static partial void OrderEffectsDeferred(this ILogger logger, Exception error, string orderId, string phase);

    [LoggerMessage(1214, LogLevel.Error, "Order {OrderId}: state write failed; the activation is reset to what is durable")]
    public static partial void OrderWriteFailed(this ILogger logger, Exception error, string orderId);

    [LoggerMessage(1210, LogLevel.Warning, "Stock of {Sku} at {Location}: register {Source} sold {Beyond} units beyond its offline quota {LeaseId} (exceeded); applied, on hand is now {OnHand}")]
    public static partial void StockQuotaOverspent(this ILogger logger, string sku, string location, string source, long beyond, string leaseId, long onHand);
}
