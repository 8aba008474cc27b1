using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;
using Tags = ChainPos.Grains.Hosting.ChainPosMetrics.Tags;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Online reservations. The ledger (<see cref="SkuStockState.Reservations"/>) holds only live reservations, one
/// fixed-size record each, beside the aggregate <see cref="SkuStockState.Reserved"/>; ended ones move to the bounded
/// <see cref="SkuStockState.Finished"/> list. Every decision is made in one turn against on hand − reserved − safety
/// (zero oversell even with many calls interleaved), and acknowledged only after the shared write that holds it.
/// </summary>
internal sealed partial class SkuStockGrain
{
    /// <summary>Ended reservations remembered for retries; older ids are answered <see cref="StockReservationOutcome.Unknown"/>.</summary>
    private const int FinishedKept = 128;
    private const int MaxReservationIdLength = 100;

    public async Task<StockReservation> ReserveAsync(string reservationId, long quantity, bool allowPartial, DateTimeOffset expiresAt)
    {
        RequireReservationId(reservationId);
        Writer.ThrowIfFailed();
        if (S.Reservations.TryGetValue(reservationId, out var held))
        {
            // A retry, or a caller whose grant is in a write still in flight: answer once it is durable.
            await Task.WhenAll(DurableAsync(), ExpiryReminderAsync());
            return new StockReservation(reservationId, held.Quantity, Level());
        }

        if (FindFinished(reservationId) is not null)
        {
            // Ended already (or released before this call arrived): never reserve under the same id twice.
            await DurableAsync();
            metrics.ReservationDenied(Tags.Ended);
            return new StockReservation(reservationId, 0, Level());
        }

        Positive(quantity);
        var expired = ExpireDue();
        var quotaChanged = RecountQuota(); // a quota lease past expiry and grace gives its units back first
        var available = S.OnHand - S.Reserved - S.SafetyStock;
        var granted = available >= quantity ? quantity : allowPartial ? Math.Max(0, available) : 0;
        if (granted > 0)
        {
            S.Reserved += granted;
            S.Reservations[reservationId] = new StockReservationEntry { Quantity = granted, ExpiresAt = expiresAt };
            NoteExpiry(expiresAt);
        }

        // The level as this decision left it (later interleaved calls change the grain's level before this write returns).
        var decided = Level();
        if (granted > 0)
        {
            await Task.WhenAll(SaveAsync(), ExpiryReminderAsync());
        }
        else if (expired.Count > 0 || quotaChanged)
        {
            await SaveAsync();
        }

        RecordExpired(expired);
        if (granted > 0)
        {
            metrics.ReservationGranted(granted);
        }
        else
        {
            metrics.ReservationDenied(Tags.Insufficient);
        }

        return new StockReservation(reservationId, granted, decided);
    }

    public async Task<StockReservationOutcome> ExtendReservationAsync(string reservationId, DateTimeOffset expiresAt)
    {
        RequireReservationId(reservationId);
        Writer.ThrowIfFailed();
        if (!S.Reservations.TryGetValue(reservationId, out var held))
        {
            await DurableAsync();
            return FindFinished(reservationId) is { End: not StockReservationEnd.Lapsed }
                ? StockReservationOutcome.AlreadyApplied
                : StockReservationOutcome.Unknown;
        }

        if (expiresAt > held.ExpiresAt)
        {
            S.Reservations[reservationId] = new StockReservationEntry { Quantity = held.Quantity, ExpiresAt = expiresAt }; // replaced, not mutated: the write carries changed entries only
            await SaveAsync(levelsChanged: false);
        }
        else
        {
            await DurableAsync();
        }

        return StockReservationOutcome.Applied;
    }

    public async Task<StockReservationOutcome> CommitReservationAsync(string reservationId)
    {
        RequireReservationId(reservationId);
        Writer.ThrowIfFailed();
        if (S.Reservations.Remove(reservationId, out var held))
        {
            await TakeOffBooksAsync(reservationId, held.Quantity, reserved: held.Quantity);
            return StockReservationOutcome.Applied;
        }

        switch (FindFinished(reservationId))
        {
            case null:
                await DurableAsync();
                return StockReservationOutcome.Unknown;
            case { End: StockReservationEnd.Committed }:
                await DurableAsync();
                return StockReservationOutcome.AlreadyApplied;
            case { End: StockReservationEnd.Lapsed } lapsed:
                // Paid after the stock grain had let the units go: they still leave the shelf (flagged, like a store sale).
                S.Finished.Remove(lapsed);
                logger.CommittedAfterLapse(_sku, _locationId, reservationId, lapsed.Quantity);
                await TakeOffBooksAsync(reservationId, lapsed.Quantity, reserved: 0);
                return StockReservationOutcome.Applied;
            default:
                throw PosException.Precondition($"Reservation '{reservationId}' of {_sku} at {_locationId} was released; it cannot be committed.");
        }
    }

    public async Task<StockReservationOutcome> ReleaseReservationAsync(string reservationId)
    {
        RequireReservationId(reservationId);
        Writer.ThrowIfFailed();
        if (S.Reservations.Remove(reservationId, out var held))
        {
            S.Reserved -= held.Quantity;
            Finish(reservationId, StockReservationEnd.Released, held.Quantity);
            await SaveAsync();
            metrics.ReservationEnded(Tags.Released, held.Quantity);
            return StockReservationOutcome.Applied;
        }

        switch (FindFinished(reservationId))
        {
            case { End: StockReservationEnd.Committed }:
                throw PosException.Precondition($"Reservation '{reservationId}' of {_sku} at {_locationId} was committed; it cannot be released.");
            case not null:
                await DurableAsync();
                return StockReservationOutcome.AlreadyApplied;
        }

        // Never reserved here (or long gone): remember the id, so a reserve still in flight is refused when it lands.
        Finish(reservationId, StockReservationEnd.Released, 0);
        await SaveAsync(levelsChanged: false);
        return StockReservationOutcome.Unknown;
    }

    private async Task TakeOffBooksAsync(string reservationId, long quantity, long reserved)
    {
        var wasNegative = S.OnHand < 0;
        S.OnHand -= quantity;
        S.Reserved -= reserved;
        Record(StockMovementKind.WebOrderCommit, -quantity, reservationId);
        Finish(reservationId, StockReservationEnd.Committed, quantity);
        await SaveAsync();
        metrics.ReservationEnded(Tags.Committed, quantity);
        if (S.OnHand < 0 && !wasNegative)
        {
            logger.StockWentNegative(_sku, _locationId, S.OnHand);
        }
    }

    private void Finish(string reservationId, StockReservationEnd end, long quantity)
    {
        S.Finished.Add(new FinishedStockReservation(reservationId, end, quantity));
        if (S.Finished.Count > FinishedKept)
        {
            S.Finished.RemoveRange(0, S.Finished.Count - FinishedKept);
        }
    }

    private FinishedStockReservation? FindFinished(string reservationId) =>
        S.Finished.FindLast(f => f.ReservationId == reservationId);

    private static void RequireReservationId(string reservationId)
    {
        if (string.IsNullOrEmpty(reservationId) || reservationId.Length > MaxReservationIdLength)
        {
            throw PosException.Invalid($"A reservation id is 1..{MaxReservationIdLength} characters.");
        }
    }
}
