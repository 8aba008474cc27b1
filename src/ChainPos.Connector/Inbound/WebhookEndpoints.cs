using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChainPos.Connector.Inbound;

/// <summary>The shop's order webhook and the inbox endpoints for operators.</summary>
internal static class WebhookEndpoints
{
    /// <summary>The largest webhook body accepted.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Maps <c>POST /webhooks/orders</c> and <c>/inbox/*</c>.</summary>
    public static WebApplication MapConnectorEndpoints(this WebApplication app)
    {
        app.MapPost("/webhooks/orders", ReceiveAsync);
        var inbox = app.MapGroup("/inbox").AddEndpointFilter(RequireAdmin);
        inbox.MapGet("/status", async (Inbox store) => Results.Ok(await store.CountsAsync()));
        inbox.MapGet("/parked", async (Inbox store) => Results.Ok((await store.ListAsync(InboxState.Parked)).Select(View)));
        inbox.MapGet("/events/{eventId}", async (string eventId, Inbox store) =>
            await store.GetAsync(eventId) is { } entry ? Results.Ok(View(entry)) : Results.NotFound(Error($"No event '{eventId}' in the inbox.")));
        inbox.MapPost("/events/{eventId}/retry", async (string eventId, Inbox store, InboxSignal signal) =>
        {
            if (!await store.RequeueAsync(eventId))
            {
                return await store.GetAsync(eventId) is { } entry
                    ? Results.Conflict(Error($"Event '{eventId}' is {entry.State.ToString().ToLowerInvariant()}, not parked."))
                    : Results.NotFound(Error($"No event '{eventId}' in the inbox."));
            }

            signal.Notify();
            return Results.Accepted(value: new { event_id = eventId, state = "pending" });
        });
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, Inbox inbox, InboxSignal signal, TimeProvider time, IOptions<ConnectorOptions> options)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.Json(Error($"The body is larger than {MaxBodyBytes} bytes."), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        if (body.Length > MaxBodyBytes)
        {
            return Results.Json(Error($"The body is larger than {MaxBodyBytes} bytes."), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // The signature is checked before the body is even parsed: an unsigned request learns nothing.
        var header = request.Headers[Signature.Header].ToString();
        if (!Signature.IsValid(options.Value.WebhookSecret, body, header.Length == 0 ? null : header))
        {
            return Results.Json(Error(header.Length == 0
                ? $"Missing {Signature.Header} header (sha256=<hex HMAC-SHA256 of the body with the shared secret>)."
                : $"The {Signature.Header} header does not match the body."), statusCode: StatusCodes.Status401Unauthorized);
        }

        OrderEvent evt;
        try
        {
            evt = OrderEventParser.Parse(body);
        }
        catch (FormatException e)
        {
            return Results.BadRequest(Error(e.Message));
        }

        var type = evt.Type switch { OrderEventType.Created => "order.created", OrderEventType.Paid => "order.paid", _ => "order.cancelled" };
        // Only the fields the connector uses are stored, never the rest of the shop's body (e.g. payment details).
        var accepted = await inbox.AcceptAsync(evt, type, StoredEvent.Write(evt), time.GetUtcNow());
        if (accepted)
        {
            signal.Notify();
        }

        return Results.Json(new { event_id = evt.EventId, duplicate = !accepted }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async ValueTask<object?> RequireAdmin(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = context.HttpContext.RequestServices.GetRequiredService<IOptions<ConnectorOptions>>().Value.AdminToken;
        if (token.Length == 0)
        {
            return Results.NotFound();
        }

        var given = context.HttpContext.Request.Headers.Authorization.ToString();
        var ok = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes("Bearer " + token), Encoding.UTF8.GetBytes(given));
        return ok ? await next(context) : Results.Json(Error("Send Authorization: Bearer <Connector:AdminToken>."), statusCode: StatusCodes.Status401Unauthorized);
    }

    private static object Error(string message) => new { error = message };

    private static object View(InboxEntry e) => new
    {
        event_id = e.EventId,
        type = e.EventType,
        order_id = e.OrderId,
        state = e.State.ToString().ToLowerInvariant(),
        attempts = e.Attempts,
        received_at = e.ReceivedAt,
        next_attempt_at = e.NextAttemptAt,
        last_error = e.LastError,
        outcome = e.Outcome,
    };
}
