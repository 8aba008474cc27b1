using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace ChainPos.Grains.Hosting;

/// <summary>Online reservations, recorded by the stock grains after the write that holds the change.</summary>
public sealed partial class ChainPosMetrics
{
    /// <summary>A reservation was granted (<paramref name="units"/> may be fewer than asked for a partial grant).</summary>
    public void ReservationGranted(long units) => Reservation(Tags.Granted, units);

    /// <summary>A reservation was refused: <see cref="Tags.Insufficient"/> stock, or its id had <see cref="Tags.Ended"/> already.</summary>
    public void ReservationDenied(string reason)
    {
        try
        {
            Tag what = new(Tags.ReservationEvent, Tags.Denied);
            _instruments.Reservations.Add(1, what, new Tag(Tags.DenialReason, reason));
        }
        catch (Exception)
        {
            // Telemetry never fails a reservation call.
        }
    }

    /// <summary>A reservation ended: <see cref="Tags.Committed"/>, <see cref="Tags.Released"/> or <see cref="Tags.Expired"/>.</summary>
    public void ReservationEnded(string end, long units) => Reservation(end, units);

    private void Reservation(string what, long units)
    {
        try
        {
            Tag tag = new(Tags.ReservationEvent, what);
            _instruments.Reservations.Add(1, tag);
            _instruments.ReservationUnits.Add(units, tag);
        }
        catch (Exception)
        {
            // Telemetry never fails a reservation that is already durable.
        }
    }
}
