using System.Text.Json;
using ChainPos.Api.V1;

namespace ChainPos.Connector.Outbound;

/// <summary>The JSON body pushed to the shop for each stock change (snake_case; see docs/commerce-events.md).</summary>
public sealed record StockChangedMessage(
    string Id,
    string Type,
    string Sku,
    long Sequence,
    string LocationId,
    long OnHand,
    long Reserved,
    long SafetyStock,
    long Available,
    long Version,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The serializer settings of the pushed body.</summary>
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The event type.</summary>
    public const string EventType = "stock.changed";

    internal static StockChangedMessage From(StockChange change)
    {
        var l = change.Level;
        return new StockChangedMessage(
            $"{change.Sku}/{l.LocationId}/{l.Version}", EventType, change.Sku, change.Sequence, l.LocationId,
            l.OnHand, l.Reserved, l.SafetyStock, l.Available, l.Version, l.UpdatedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch);
    }
}
