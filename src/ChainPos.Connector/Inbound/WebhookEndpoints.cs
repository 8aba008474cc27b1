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
        if (RefuseSignature(request, body, options.Value, time.GetUtcNow()) is { } refusal)
        {
            return Results.Json(Error(refusal), statusCode: StatusCodes.Status401Unauthorized);
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

    /// <summary>Why the request's signature or timestamp is refused, or null when it is signed and fresh.</summary>
    internal static string? RefuseSignature(HttpRequest request, byte[] body, ConnectorOptions options, DateTimeOffset now)
    {
        var header = request.Headers[Signature.Header].ToString();
        if (header.Length == 0)
        {
            return $"Missing {Signature.Header} header (sha256=<hex HMAC-SHA256 of '<{Signature.TimestampHeader}>.<body>' with the shared secret>).";
        }

        var timestamp = request.Headers[Signature.TimestampHeader].ToString();
        if (timestamp.Length == 0)
        {
            if (!options.AcceptUntimestampedWebhooks)
            {
                return $"Missing {Signature.TimestampHeader} header (Unix seconds when the event was sent, signed with the body: HMAC-SHA256 of '<timestamp>.<body>').";
            }

            return Signature.IsValid(options.WebhookSecret, body, header) ? null : $"The {Signature.Header} header does not match the body.";
        }

        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return $"The {Signature.TimestampHeader} header must be Unix seconds (digits only), got '{timestamp}'.";
        }

        if (!Signature.IsValid(options.WebhookSecret, timestamp, body, header))
        {
            return $"The {Signature.Header} header does not match the timestamp and body.";
        }

        // Checked after the signature, so the time shown is the one the shop signed.
        var skew = DateTimeOffset.FromUnixTimeSeconds(seconds) - now;
        if (skew.Duration() > options.WebhookTolerance)
        {
            return $"The event's {Signature.TimestampHeader} ({DateTimeOffset.FromUnixTimeSeconds(seconds):O}) is {(int)skew.Duration().TotalSeconds} s "
                + $"{(skew < TimeSpan.Zero ? "in the past" : "in the future")}; at most {(int)options.WebhookTolerance.TotalSeconds} s either way is accepted. "
                + "Re-sign the event with the current time (same event id) and check the sender's clock.";
        }

        return null;
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
