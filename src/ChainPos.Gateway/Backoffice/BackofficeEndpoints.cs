using System.Text.Json;
using System.Text.Json.Serialization;
using ChainPos.Abstractions;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Reports;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ErrorCode = ChainPos.Domain.ErrorCode;

namespace ChainPos.Gateway.Backoffice;

/// <summary>
/// The back-office page (/backoffice/, static files embedded in this assembly) and its JSON API
/// (/backoffice/api/...), authenticated with the same bearer credentials as gRPC.
/// </summary>
public static class BackofficeEndpoints
{
    /// <summary>JSON of the back-office API: camelCase, enums as names.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Maps the page and its API; requests on a connection <paramref name="allowed"/> refuses get 404 (keep it off the gRPC port).</summary>
    public static IEndpointRouteBuilder MapChainPosBackoffice(this IEndpointRouteBuilder endpoints, Func<HttpContext, bool> allowed)
    {
        var group = endpoints.MapGroup("/backoffice").AddEndpointFilter(async (context, next) =>
            allowed(context.HttpContext) ? await next(context) : Results.NotFound());
        group.MapGet("/", () => StaticFile("index.html"));
        group.MapGet("/{file}", (string file) => StaticFile(file));

        var api = group.MapGroup("/api");
        api.MapGet("/me", (HttpContext http, CredentialStore credentials) =>
            Answer(http, credentials, caller => Task.FromResult<object>(new { caller.Name, Role = caller.Role.ToString(), caller.StoreId })));
        api.MapGet("/chain", (HttpContext http, CredentialStore credentials, ReportQueries reports, string? day) =>
            Answer(http, credentials, async caller => await reports.ChainDayAsync(caller, day)));
        api.MapGet("/liability", (HttpContext http, CredentialStore credentials, ReportQueries reports) =>
            Answer(http, credentials, async caller => await reports.LiabilityAsync(caller)));
        api.MapGet("/stores/{storeId}/sales", (HttpContext http, CredentialStore credentials, ReportQueries reports, string storeId, string? day) =>
            Answer(http, credentials, async caller => await reports.StoreDayAsync(caller, storeId, day)));
        api.MapGet("/stores/{storeId}/shifts", (HttpContext http, CredentialStore credentials, ReportQueries reports, string storeId) =>
            Answer(http, credentials, async caller =>
            {
                var (found, without) = await reports.ShiftReportsAsync(caller, storeId);
                return new { Reports = found, RegistersWithoutShift = without };
            }));
        api.MapGet("/stores/{storeId}/journal", (HttpContext http, CredentialStore credentials, ReportQueries reports, string storeId, string? day, string? format) =>
            Answer(http, credentials, async caller =>
            {
                if (format is not ("csv" or "json"))
                {
                    throw PosException.Invalid($"format must be csv or json (got '{format}').");
                }

                var journal = await reports.JournalAsync(caller, storeId, day);
                return format == "csv"
                    ? Results.Text(journal.ToCsv(), "text/csv; charset=utf-8")
                    : Results.Text(journal.ToJson(), "application/json; charset=utf-8");
            }));
        api.MapGet("/stores/{storeId}/low-stock", (HttpContext http, CredentialStore credentials, StockQueries stock, string storeId) =>
            Answer(http, credentials, async caller => await stock.LowStockAsync(caller, storeId)));
        api.MapGet("/stores/{storeId}/purchase-order", (HttpContext http, CredentialStore credentials, StockQueries stock, string storeId, string? supplier) =>
            Answer(http, credentials, async caller =>
            {
                var draft = await stock.DraftPurchaseOrderAsync(caller, storeId, supplier ?? "");
                return Results.Text(PurchaseOrderCsv.ToCsv(draft), "text/csv; charset=utf-8");
            }));
        api.MapGet("/stores/{storeId}/movements", (HttpContext http, CredentialStore credentials, StockQueries stock, string storeId, string? sku, int? limit) =>
            Answer(http, credentials, async caller => await stock.MovementsAsync(caller, storeId, sku ?? "", 0, limit ?? 0)));
        return endpoints;
    }

    private static async Task<IResult> Answer(HttpContext http, CredentialStore credentials, Func<Caller, Task<object>> read)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status401Unauthorized, "Send a credential as 'Authorization: Bearer <secret>'.");
        }

        if (credentials.Find(header[prefix.Length..].Trim()) is not { } caller)
        {
            return Error(StatusCodes.Status401Unauthorized, "The credential is not known.");
        }

        try
        {
            var value = await read(caller);
            return value as IResult ?? Results.Json(value, Json);
        }
        catch (PosException e)
        {
            return Error(Status(e.Code), e.Message);
        }
        catch (Domain.DomainException e)
        {
            return Error(Status(e.Code), e.Message);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
        {
            return Error(StatusCodes.Status403Forbidden, e.Status.Detail);
        }
    }

    private static int Status(ErrorCode code) => code switch
    {
        ErrorCode.InvalidArgument => StatusCodes.Status400BadRequest,
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.PermissionDenied => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult Error(int status, string message) => Results.Json(new { Error = message }, Json, statusCode: status);

    private static IResult StaticFile(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : typeof(BackofficeEndpoints).Assembly.GetManifestResourceStream("backoffice/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
