using System.Text.Json;
using ChainPos.Domain;

namespace ChainPos.Connector.Inbound;

/// <summary>Reads an order webhook body; every problem is a <see cref="FormatException"/> whose message says what is wrong.</summary>
public static class OrderEventParser
{
    /// <summary>The most lines an order may have (the gateway's limit).</summary>
    public const int MaxLines = 100;

    /// <summary>Parses and checks <paramref name="body"/> (UTF-8 JSON).</summary>
    public static OrderEvent Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The body must be a JSON object.");
            }

            var eventId = RequiredId(root, "id", "id");
            var typeName = RequiredString(root, "type", "type");
            var type = typeName switch
            {
                "order.created" => OrderEventType.Created,
                "order.paid" => OrderEventType.Paid,
                "order.cancelled" => OrderEventType.Cancelled,
                _ => throw new FormatException($"Unknown event type '{Clip(typeName)}'; expected order.created, order.paid or order.cancelled."),
            };
            if (!root.TryGetProperty("order", out var order) || order.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("'order' must be an object.");
            }

            var orderId = RequiredId(order, "id", "order.id");
            return type == OrderEventType.Created
                ? new OrderEvent(eventId, type, orderId, Lines(order), OptionalId(order, "pickup_location_id"), ShipFrom(order), Ttl(order), OptionalId(order, "customer_id"))
                : new OrderEvent(eventId, type, orderId, [], null, [], null, null);
        }
    }

    private static List<OrderEventLine> Lines(JsonElement order)
    {
        if (!order.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array || lines.GetArrayLength() == 0)
        {
            throw new FormatException("order.created needs 'order.lines': an array of 1..100 {\"sku\", \"quantity\"}.");
        }

        if (lines.GetArrayLength() > MaxLines)
        {
            throw new FormatException($"order.lines has {lines.GetArrayLength()} lines; at most {MaxLines}.");
        }

        var result = new List<OrderEventLine>();
        var index = 0;
        foreach (var line in lines.EnumerateArray())
        {
            var at = $"order.lines[{index++}]";
            if (line.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{at} must be an object.");
            }

            var sku = RequiredId(line, "sku", at + ".sku");
            if (!line.TryGetProperty("quantity", out var quantity) || !quantity.TryGetInt64(out var units) || units is < 1 or > 9999)
            {
                throw new FormatException($"{at}.quantity must be a whole number 1..9999.");
            }

            result.Add(new OrderEventLine(sku, units));
        }

        return result;
    }

    private static List<string> ShipFrom(JsonElement order)
    {
        if (!order.TryGetProperty("ship_from_location_ids", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("order.ship_from_location_ids must be an array of location ids.");
        }

        return [.. list.EnumerateArray().Select((l, i) => l.ValueKind == JsonValueKind.String && Ids.IsValid(l.GetString())
            ? l.GetString()!
            : throw new FormatException($"order.ship_from_location_ids[{i}] must be a location id."))];
    }

    private static int? Ttl(JsonElement order)
    {
        if (!order.TryGetProperty("ttl_seconds", out var ttl) || ttl.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ttl.TryGetInt32(out var seconds) && seconds > 0
            ? seconds
            : throw new FormatException("order.ttl_seconds must be a positive whole number of seconds.");
    }

    private static string RequiredString(JsonElement element, string property, string path) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"'{path}' is required and must be a non-empty string.");

    private static string RequiredId(JsonElement element, string property, string path)
    {
        var value = RequiredString(element, property, path);
        return Ids.IsValid(value)
            ? value
            : throw new FormatException($"'{path}' must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (got '{Clip(value)}').");
    }

    private static string? OptionalId(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text == "")
        {
            return null;
        }

        return Ids.IsValid(text)
            ? text
            : throw new FormatException($"'order.{property}' must be 1-64 characters of letters, digits, '.', '_', ':' or '-'.");
    }

    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
