using System.Text.Json;

namespace ChainPos.Connector.Inbound;

/// <summary>
/// How an accepted event is kept in the inbox: the validated <see cref="OrderEvent"/> as JSON, not the shop's raw body,
/// so whatever else the shop sends (addresses, payment details) is never stored.
/// </summary>
internal static class StoredEvent
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Write(OrderEvent evt) => JsonSerializer.Serialize(evt, Json);

    public static OrderEvent Read(string stored) =>
        JsonSerializer.Deserialize<OrderEvent>(stored, Json) ?? throw new InvalidOperationException("The stored event is empty.");
}
