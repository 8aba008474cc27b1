using System.Text.Json;

namespace ChainPos.Connector.Tests;

/// <summary>The shop's order webhook bodies, as documented in docs/commerce-events.md.</summary>
internal static class Events
{
    /// <summary>No pickup store: the server ships from where the stock is (S1 for the test products).</summary>
    public const string Shipped = "";

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static string Created(string eventId, string orderId, string pickup, params (string Sku, long Quantity)[] lines) =>
        CreatedFor(eventId, orderId, pickup, null, lines);

    public static string CreatedFor(string eventId, string orderId, string pickup, string? customerId, params (string Sku, long Quantity)[] lines) =>
        JsonSerializer.Serialize(new
        {
            id = eventId,
            type = "order.created",
            order = new
            {
                id = orderId,
                pickup_location_id = pickup,
                customer_id = customerId,
                lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }),
            },
        });

    public static string Paid(string eventId, string orderId) => Simple(eventId, "order.paid", orderId);

    public static string Cancelled(string eventId, string orderId) => Simple(eventId, "order.cancelled", orderId);

    public static string Simple(string eventId, string type, string orderId) =>
        JsonSerializer.Serialize(new { id = eventId, type, order = new { id = orderId } });
}
