using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Services;

/// <summary>Log lines of the commerce service, source-generated.</summary>
internal static partial class CommerceServiceLog
{
    [LoggerMessage(2201, LogLevel.Warning, "WatchStock for {Caller}: reading the changes of {Sku} failed; retrying")]
    public static partial void WatchPollFailed(this ILogger logger, Exception error, string caller, string sku);

    [LoggerMessage(2202, LogLevel.Warning, "WatchStock for {Caller}: reading the changes at location {LocationId} failed; retrying")]
    public static partial void WatchLocationPollFailed(this ILogger logger, Exception error, string caller, string locationId);
}
