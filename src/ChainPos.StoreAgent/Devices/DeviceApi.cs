using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Offline;
using ChainPos.StoreAgent.Selling;

namespace ChainPos.StoreAgent.Devices;

/// <summary>The item just added to the basket in the register UI (its line's quantity and amount) and the basket's total.</summary>
internal sealed record DisplayItemDto(string? Name, int Quantity, long Amount, long Total);

/// <summary>The amount to pay, shown when the first tender is taken.</summary>
internal sealed record DisplayTotalDto(long Total);

/// <summary>
/// The devices' part of the register UI's API (docs/store-agent.md): what the customer display shows and the basket changes
/// that update it (the basket lives in the UI), and the stream of the configured scanner's scans.
/// </summary>
internal static class DeviceApi
{
    /// <summary>Maps GET /api/display, POST /api/display/{item,total,idle} (signed in) and GET /api/scans/stream?session=.</summary>
    public static IEndpointRouteBuilder MapDeviceApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter(ApiErrors.AsJsonAsync);
        api.MapGet("/display", (CustomerDisplayService display) => Results.Ok(display.View));
        // EventSource cannot send the X-Session header, so the page passes its session in the query.
        api.MapGet("/scans/stream", (string? session, Sessions sessions, ScanFeed feed, CancellationToken cancellationToken) =>
            sessions.Find(session) is null ? SignInFirst() : Results.ServerSentEvents(feed.ListenAsync(cancellationToken), "scan"));

        var displayApi = api.MapGroup("/display").AddEndpointFilter(RequireSession);
        displayApi.MapPost("/item", (DisplayItemDto dto, CustomerDisplayService display, CatalogCache catalog) =>
        {
            if (dto.Name is not { } name || string.IsNullOrWhiteSpace(name) || dto.Quantity is < 1 or > 9999)
            {
                return Results.Json(new { error = "An item needs its name and a quantity of 1..9999." }, statusCode: StatusCodes.Status400BadRequest);
            }

            return catalog.Store?.Currency is { } currency
                ? Show(() => display.ShowItem(name, dto.Quantity, dto.Amount, dto.Total, currency))
                : NoStore();
        });
        displayApi.MapPost("/total", (DisplayTotalDto dto, CustomerDisplayService display, CatalogCache catalog) =>
            catalog.Store?.Currency is { } currency ? Show(() => display.ShowTotal(dto.Total, currency)) : NoStore());
        displayApi.MapPost("/idle", (CustomerDisplayService display) => Show(display.ShowWelcome));
        return endpoints;
    }

    // Queued for the display's background loop: answered at once, whatever the display does.
    private static IResult Show(Action show)
    {
        show();
        return Results.NoContent();
    }

    private static IResult NoStore() =>
        Results.Json(new { error = "The store's settings have not been synced yet." }, statusCode: StatusCodes.Status409Conflict);

    private static IResult SignInFirst() => Results.Json(new { error = "Sign in first." }, statusCode: StatusCodes.Status401Unauthorized);

    private static async ValueTask<object?> RequireSession(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        return sessions.Find(context.HttpContext.Request.Headers[Sessions.Header]) is null ? SignInFirst() : await next(context);
    }
}
