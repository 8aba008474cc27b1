using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Hosting;

internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "gRPC {Method}: the cluster did not answer in time")]
    public static partial void CallUnavailable(this ILogger logger, Exception error, string method);

    [LoggerMessage(2002, LogLevel.Error, "gRPC {Method} failed unexpectedly")]
    public static partial void CallFailed(this ILogger logger, Exception error, string method);
}
