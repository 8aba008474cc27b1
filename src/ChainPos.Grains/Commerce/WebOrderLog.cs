using Microsoft.Extensions.Logging;

namespace ChainPos.Grains.Commerce;

/// <summary>Log lines of committed web orders (loyalty, sale record), source-generated.</summary>
internal static partial class WebOrderLog
{
    [LoggerMessage(1230, LogLevel.Error, "Order {OrderId}: customer {CustomerId} is not enrolled; the order earns no loyalty points")]
    public static partial void WebOrderCustomerMissing(this ILogger logger, string orderId, string customerId);
}
