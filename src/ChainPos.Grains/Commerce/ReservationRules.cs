using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.Commerce;

/// <summary>Input rules of reservations, checked before anything is read or written.</summary>
internal static class ReservationRules
{
    public const int MaxLines = 100;
    public const long MaxQuantity = 9999;
    public const int MaxShipFrom = 500;

    /// <summary>Checks the command; throws InvalidArgument (or ResourceExhausted for too many lines) naming what is wrong.</summary>
    public static void Validate(ReserveCommand command, CommerceOptions options)
    {
        if (command.Lines is null || command.Lines.Count == 0)
        {
            throw PosException.Invalid($"A reservation needs 1..{MaxLines} lines (got none).");
        }

        if (command.Lines.Count > MaxLines)
        {
            throw new PosException(ErrorCode.ResourceExhausted, $"A reservation has at most {MaxLines} lines (got {command.Lines.Count}); split the order.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < command.Lines.Count; i++)
        {
            var line = command.Lines[i];
            Ids.Require(line.Sku, $"line {i + 1} sku");
            if (line.Quantity is < 1 or > MaxQuantity)
            {
                throw PosException.Invalid($"Line {i + 1} ({line.Sku}): quantity must be 1..{MaxQuantity} (got {line.Quantity}).");
            }

            if (!seen.Add(line.Sku))
            {
                throw PosException.Invalid($"Line {i + 1}: SKU '{line.Sku}' appears twice; send one line per SKU with the total quantity.");
            }
        }

        var shipFrom = command.ShipFromLocationIds ?? [];
        if (command.PickupLocationId is not null)
        {
            Ids.Require(command.PickupLocationId, "pickup_location_id");
            if (shipFrom.Count > 0)
            {
                throw PosException.Invalid("Give either a pickup location or ship-from locations, not both.");
            }
        }

        if (shipFrom.Count > MaxShipFrom)
        {
            throw new PosException(ErrorCode.ResourceExhausted, $"At most {MaxShipFrom} ship-from locations (got {shipFrom.Count}).");
        }

        foreach (var location in shipFrom)
        {
            Ids.Require(location, "ship_from_location_ids");
        }

        RequireTtl(command.Ttl, options);
    }

    public static void RequireTtl(TimeSpan ttl, CommerceOptions options)
    {
        if (ttl < options.MinReservationTtl || ttl > options.MaxReservationTtl)
        {
            throw PosException.Invalid(
                $"ttl must be {Seconds(options.MinReservationTtl)}..{Seconds(options.MaxReservationTtl)} seconds (got {Seconds(ttl)}).");
        }
    }

    /// <summary>True when <paramref name="command"/> asks for what <paramref name="state"/> holds (a retry); the TTL is not compared.</summary>
    public static bool SameRequest(OrderReservationState state, ReserveCommand command) =>
        state.PickupLocationId == command.PickupLocationId
        && state.ShipFrom.ToHashSet(StringComparer.Ordinal).SetEquals(command.ShipFromLocationIds ?? [])
        && state.Lines.Count == command.Lines.Count
        && command.Lines.All(l => state.Lines.Exists(s => s.Sku == l.Sku && s.Quantity == l.Quantity));

    private static long Seconds(TimeSpan value) => (long)Math.Floor(value.TotalSeconds);
}
