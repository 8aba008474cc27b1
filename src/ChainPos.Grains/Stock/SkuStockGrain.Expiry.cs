using ChainPos.Grains.Hosting;
using Tags = ChainPos.Grains.Hosting.ChainPosMetrics.Tags;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Expiry of reservations, driven by the stock grain itself: its ledger is the persisted due list. A reservation is
/// let go <see cref="CommerceOptions.StockReservationGrace"/> after its order's expiry, in buckets of
/// <see cref="CommerceOptions.ExpiryBucket"/>: an in-memory timer fires at the end of the bucket of the earliest
/// expiry and lets everything due go in one write. One persisted reminder per stock grain holding reservations (not
/// one per order) wakes the grain after a crash or a full restart; it is registered before the first grant of an
/// activation is acknowledged and removed when the ledger is empty.
/// </summary>
internal sealed partial class SkuStockGrain
{
    private const string ExpiryReminder = "reservation-expiry";
    private DateTimeOffset? _nextExpiry;
    private DateTimeOffset _expiryTimerAt = DateTimeOffset.MaxValue;
    private IGrainTimer? _expiryTimer;
    private Task? _expiryReminder;
    private DateTimeOffset _expiryReminderDue = DateTimeOffset.MaxValue;

    private TimeSpan Grace => options.Value.StockReservationGrace;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder)
        {
            return;
        }

        await ExpireDueAndSaveAsync();
        if (S.Reservations.Count > 0)
        {
            if (_nextExpiry is { } next && EndOfBucket(next + Grace) > time.GetUtcNow() + (2 * options.Value.ExpiryReminderPeriod))
            {
                // Nothing due for a while (long TTLs): aim the next tick at the next expiry instead of ticking every period.
                _expiryReminder = null;
                _expiryReminderDue = DateTimeOffset.MaxValue;
            }

            await ExpiryReminderAsync();
            return;
        }

        // Nothing left to expire. A grant interleaving with the removal re-registers it (the removal is conditional on
        // the reminder's version, so it cannot remove the new registration); the check after covers the rest.
        _expiryReminder = null;
        _expiryReminderDue = DateTimeOffset.MaxValue;
        try
        {
            if (await this.GetReminder(ExpiryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            logger.ExpiryReminderNotRemoved(e, _sku, _locationId);
        }

        if (S.Reservations.Count > 0)
        {
            await ExpiryReminderAsync();
        }
    }

    /// <summary>Rebuilds the due time from the ledger (on activation, once per bucket at most afterwards) and arms the timer.</summary>
    private void ScheduleExpiry()
    {
        _nextExpiry = null;
        foreach (var entry in S.Reservations.Values)
        {
            if (_nextExpiry is null || entry.ExpiresAt < _nextExpiry)
            {
                _nextExpiry = entry.ExpiresAt;
            }
        }

        ArmExpiryTimer();
    }

    /// <summary>A reservation due at <paramref name="expiresAt"/> was added: O(1) unless it is the new earliest.</summary>
    private void NoteExpiry(DateTimeOffset expiresAt)
    {
        if (_nextExpiry is null || expiresAt < _nextExpiry)
        {
            _nextExpiry = expiresAt;
            ArmExpiryTimer();
        }
    }

    private void ArmExpiryTimer()
    {
        if (_nextExpiry is not { } next)
        {
            return;
        }

        var at = EndOfBucket(next + Grace);
        if (at >= _expiryTimerAt)
        {
            return;
        }

        _expiryTimer?.Dispose();
        _expiryTimerAt = at;
        var due = at - time.GetUtcNow();
        _expiryTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.ExpiryTickAsync(),
            this,
            new GrainTimerCreationOptions
            {
                DueTime = due <= TimeSpan.Zero ? TimeSpan.Zero : due < TimeSpan.FromDays(1) ? due : TimeSpan.FromDays(1),
                Period = Timeout.InfiniteTimeSpan,
                Interleave = true,
            });
    }

    private async Task ExpiryTickAsync()
    {
        _expiryTimerAt = DateTimeOffset.MaxValue;
        try
        {
            await ExpireDueAndSaveAsync();
        }
        finally
        {
            ArmExpiryTimer();
        }
    }

    private async Task ExpireDueAndSaveAsync()
    {
        if (Writer.Failed)
        {
            return;
        }

        var expired = ExpireDue();
        if (expired.Count > 0)
        {
            await SaveAsync();
            RecordExpired(expired);
        }
    }

    /// <summary>
    /// Lets every reservation go whose order expired more than the grace ago (in memory; the caller saves). Cheap when
    /// nothing is due: the ledger is scanned only when the earliest expiry has passed.
    /// </summary>
    private List<long> ExpireDue()
    {
        var now = time.GetUtcNow();
        if (_nextExpiry is not { } next || next + Grace > now)
        {
            return [];
        }

        var cutoff = now - Grace;
        var expired = new List<long>();
        foreach (var (id, entry) in S.Reservations.Where(r => r.Value.ExpiresAt <= cutoff).ToList())
        {
            S.Reservations.Remove(id);
            S.Reserved -= entry.Quantity;
            Finish(id, StockReservationEnd.Lapsed, entry.Quantity);
            logger.StockReservationLapsed(_sku, _locationId, id, entry.Quantity);
            expired.Add(entry.Quantity);
        }

        ScheduleExpiry();
        return expired;
    }

    private void RecordExpired(List<long> expired) => expired.ForEach(units => metrics.ReservationEnded(Tags.Expired, units));

    /// <summary>
    /// Makes sure the persisted reminder first ticks no later than the earliest expiry's bucket (then every period).
    /// An upsert only when that moves earlier — once per activation in a flash sale, whose expiries only move later;
    /// a failed registration is retried by the next grant.
    /// </summary>
    private Task ExpiryReminderAsync()
    {
        if (_nextExpiry is not { } next)
        {
            return Task.CompletedTask;
        }

        var due = EndOfBucket(next + Grace);
        if (_expiryReminder is { IsFaulted: false } armed && _expiryReminderDue <= due)
        {
            return armed;
        }

        var delay = due - time.GetUtcNow();
        _expiryReminderDue = due;
        _expiryReminder = this.RegisterOrUpdateReminder(ExpiryReminder, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, options.Value.ExpiryReminderPeriod);
        return _expiryReminder;
    }

    private DateTimeOffset EndOfBucket(DateTimeOffset at)
    {
        var bucket = options.Value.ExpiryBucket.Ticks;
        if (bucket <= 0)
        {
            return at;
        }

        var ticks = at.UtcTicks;
        var rounded = (ticks + bucket - 1) / bucket * bucket;
        return new DateTimeOffset(rounded, TimeSpan.Zero);
    }
}
