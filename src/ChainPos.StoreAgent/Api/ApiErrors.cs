using ChainPos.StoreAgent.Offline;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace ChainPos.StoreAgent.Api;

/// <summary>
/// Every failure of the local API as a JSON answer the register UI shows (<c>{ "error": "…" }</c>): an <see cref="AgentException"/>
/// as it is; a platform call that failed on the way, the SQLite file busy or a time-out as 503; a refusal the service did not map as
/// 502; anything else as 500 naming the error. All but an <see cref="AgentException"/> are logged with the exception. After any of them
/// the UI retries a sale with the same id, which the journal and the card terminal (same reference) take once.
/// </summary>
internal static partial class ApiErrors
{
    private const string Retry = " Try again: a sale retried with the same id is recorded and charged once.";

    /// <summary>The endpoint filter of the /api groups.</summary>
    public static async ValueTask<object?> AsJsonAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AgentException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: e.Status);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw; // the page went away: nobody to answer
        }
        catch (Exception e)
        {
            var (status, message) = Describe(e);
            var request = context.HttpContext.Request;
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiErrors).FullName!);
            LogFailed(logger, request.Method, request.Path, status, e);
            return Results.Json(new { error = message }, statusCode: status);
        }
    }

    /// <summary>The status and the cashier's message for an exception no service turned into an <see cref="AgentException"/>.</summary>
    public static (int Status, string Message) Describe(Exception e) => e switch
    {
        RpcException r when LinkState.IsLinkFailure(r) =>
            (StatusCodes.Status503ServiceUnavailable, $"The platform did not answer in time or could not be reached ({r.StatusCode})." + Retry),
        RpcException r => (StatusCodes.Status502BadGateway, $"The platform refused the request ({r.StatusCode}: {r.Status.Detail})."),
        SqliteException { SqliteErrorCode: 5 or 6 } => (StatusCodes.Status503ServiceUnavailable,
            "The register's local journal is busy (another program holds the agent's database file)." + Retry),
        SqliteException s => (StatusCodes.Status500InternalServerError,
            $"The register's local journal failed (SQLite error {s.SqliteErrorCode}: {s.Message}); the agent's log has the details." + Retry),
        TimeoutException or OperationCanceledException => (StatusCodes.Status503ServiceUnavailable, "The register did not finish in time." + Retry),
        _ => (StatusCodes.Status500InternalServerError,
            $"Unexpected error in the register agent ({e.GetType().Name}: {e.Message}); the agent's log has the details." + Retry),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed; answered {Status}")]
    private static partial void LogFailed(ILogger logger, string method, string path, int status, Exception e);
}
