using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.Commerce;

/// <summary>
/// The durable phases and their effects. A phase change is written before any effect; every effect is idempotent
/// at its receiver (stock by reservation id, pick list by order id), so finishing a phase again is harmless.
/// </summary>
internal sealed partial class OrderReservationGrain
{
    private const string ExpiryReminder = "expiry";
    private IGrainTimer? _retryTimer;

    /// <summary>True while a one-allocation reserve attempt has not been written (see <c>ReserveAsync</c>).</summary>
    private bool _attemptOnlyInMemory;

    /// <summary>Set when this activation registered the retry reminder or got a tick from one (also one left by an older version).</summary>
    private bool _reminderMayExist;

    private string ReservationId => $"{_orderId}#{S.Attempt}";

    /// <summary>
    /// Finishes what an earlier turn left half done, and expires an active reservation that is past its expiry.
    /// A failed reserve attempt is rolled back (and a failure to do so is thrown: nothing new may start first);
    /// commit and release effects that fail are retried later, their outcome being decided already.
    /// </summary>
    private async Task RecoverAsync()
    {
        switch (S.Phase)
        {
            case OrderPhase.Reserving:
                await RollBackAsync();
                break;
            case OrderPhase.Committing:
                await FinishCommitAsync();
                break;
            case OrderPhase.Releasing:
                await FinishReleaseAsync();
                break;
            case OrderPhase.Active when Now >= S.ExpiresAt:
                logger.ReservationExpired(_orderId, S.ExpiresAt);
                S.Phase = OrderPhase.Releasing;
                S.Expiring = true;
                S.FinishedAt = Now;
                await WriteAsync();
                await FinishReleaseAsync();
                break;
        }
    }

    private async Task FinishCommitAsync()
    {
        try
        {
            // Independent receivers, each idempotent: all at once (one round of durable writes instead of four in a
            // row); if any fails, the retry sends them all again and those that landed ignore the repeat.
            await Task.WhenAll(
                ForEachAllocationAsync((stock, id) => stock.CommitReservationAsync(id), "commit"),
                RemoveFromPickListAsync(),
                EarnLoyaltyAsync(),
                ReportSaleAsync());
        }
        catch (Exception e)
        {
            await DeferEffectsAsync(e);
            return;
        }

        S.Phase = OrderPhase.Committed;
        await WriteAsync();
        await DisarmReminderAsync();
        ForgetReportedSale();
    }

    private async Task FinishReleaseAsync()
    {
        try
        {
            await Task.WhenAll(ForEachAllocationAsync((stock, id) => stock.ReleaseReservationAsync(id), "release"), RemoveFromPickListAsync());
        }
        catch (Exception e)
        {
            await DeferEffectsAsync(e);
            return;
        }

        S.Phase = S.Expiring ? OrderPhase.Expired : OrderPhase.Released;
        await WriteAsync();
        await DisarmReminderAsync();
    }

    /// <summary>Gives back whatever the failed attempt may hold (also allocations whose answer never came) and forgets its lines.</summary>
    private async Task RollBackAsync()
    {
        var id = ReservationId;
        var holdsNothing = S.Lines.All(l => l.Allocations.All(a => a.Granted == 0));
        await Task.WhenAll(S.Lines.SelectMany(l => l.Allocations.Where(a => a.Granted != 0).Select(a => Stock(a.LocationId, l.Sku).ReleaseReservationAsync(id))));
        if (!holdsNothing || !_attemptOnlyInMemory)
        {
            await RemoveFromPickListAsync();
        }

        S.Phase = OrderPhase.Refused;
        S.Lines = [];
        S.PickupLocationId = null;
        S.ShipFrom = [];
        if (holdsNothing && _attemptOnlyInMemory)
        {
            // A refused one-allocation attempt that nothing durable knows of (every stock grain said no, so no id is
            // held): nothing to write. Should this activation be lost, the attempt number is reused, harmlessly.
            return;
        }

        await WriteAsync();
    }

    /// <summary>Applies <paramref name="action"/> to every allocation that holds units.</summary>
    private Task ForEachAllocationAsync(Func<ISkuStockGrain, string, Task<StockReservationOutcome>> action, string what)
    {
        var id = ReservationId;
        return Task.WhenAll(S.Lines.SelectMany(l => l.Allocations.Where(a => a.Granted > 0).Select(async a =>
        {
            if (await action(Stock(a.LocationId, l.Sku), id) == StockReservationOutcome.Unknown)
            {
                logger.StockReservationUnknown(_orderId, a.LocationId, id, what);
            }
        })));
    }

    private Task AddToPickListAsync() => S.PickupLocationId is { } store
        ? PickList(store).AddAsync(new PickupEntry(_orderId, [.. S.Lines.Select(l => new PickupLine(l.Sku, l.Name, l.Quantity))], S.CreatedAt, S.ExpiresAt))
        : Task.CompletedTask;

    private Task RemoveFromPickListAsync() => S.PickupLocationId is { } store ? PickList(store).RemoveAsync(_orderId) : Task.CompletedTask;

    /// <summary>
    /// The decision is durable; its effects are retried by a timer, and by a persisted reminder (aimed at "soon", best
    /// effort) should this activation be lost before they land. Only orders whose effects failed have a reminder.
    /// </summary>
    private async Task DeferEffectsAsync(Exception error)
    {
        logger.OrderEffectsDeferred(error, _orderId, S.Phase.ToString());
        _retryTimer?.Dispose();
        _retryTimer = this.RegisterGrainTimer(
            static async (grain, _) =>
            {
                try
                {
                    await grain.RecoverAsync();
                }
                catch (Exception e)
                {
                    await grain.DeferEffectsAsync(e);
                }
            },
            this,
            new GrainTimerCreationOptions { DueTime = _options.RetryDelay, Period = Timeout.InfiniteTimeSpan });
        try
        {
            _reminderMayExist = true;
            await this.RegisterOrUpdateReminder(ExpiryReminder, _options.RetryDelay, _options.ExpiryReminderPeriod);
        }
        catch (Exception e)
        {
            logger.OrderEffectsDeferred(e, _orderId, "reminder");
        }
    }

    /// <summary>
    /// Best effort, and only when a reminder may exist (no database read per order otherwise): a reminder left behind
    /// ticks once more, finds the order settled and tries again.
    /// </summary>
    private async Task DisarmReminderAsync()
    {
        if (!_reminderMayExist)
        {
            return;
        }

        try
        {
            if (await this.GetReminder(ExpiryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderMayExist = false;
        }
        catch (Exception e)
        {
            logger.OrderEffectsDeferred(e, _orderId, "reminder");
        }
    }

    /// <summary>Writes the state; on failure the activation is dropped so the next call starts from what is durable.</summary>
    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
            _attemptOnlyInMemory = false;
        }
        catch (Exception e)
        {
            logger.OrderWriteFailed(e, _orderId);
            DeactivateOnIdle();
            throw;
        }
    }

    private ISkuStockGrain Stock(string locationId, string sku) => GrainFactory.Grain<ISkuStockGrain>(GrainKeys.Stock(locationId, sku));

    private IPickListGrain PickList(string storeId) => GrainFactory.Grain<IPickListGrain>(GrainKeys.PickList(storeId));
}
