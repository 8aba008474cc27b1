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
            await ForEachAllocationAsync((stock, id) => stock.CommitReservationAsync(id), "commit");
            await RemoveFromPickListAsync();
            await EarnLoyaltyAsync();
        }
        catch (Exception e)
        {
            await DeferEffectsAsync(e);
            return;
        }

        S.Phase = OrderPhase.Committed;
        await WriteAsync();
        await DisarmReminderAsync();
    }

    private async Task FinishReleaseAsync()
    {
        try
        {
            await ForEachAllocationAsync((stock, id) => stock.ReleaseReservationAsync(id), "release");
            await RemoveFromPickListAsync();
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
        await Task.WhenAll(S.Lines.SelectMany(l => l.Allocations.Where(a => a.Granted != 0).Select(a => Stock(a.LocationId, l.Sku).ReleaseReservationAsync(id))));
        await RemoveFromPickListAsync();
        S.Phase = OrderPhase.Refused;
        S.Lines = [];
        S.PickupLocationId = null;
        S.ShipFrom = [];
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
    /// The decision is durable; its effects are retried by a timer, and by the reminder (aimed at "soon", best effort)
    /// should this activation be lost before they land.
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
            await this.RegisterOrUpdateReminder(ExpiryReminder, _options.RetryDelay, _options.ExpiryReminderPeriod);
        }
        catch (Exception e)
        {
            logger.OrderEffectsDeferred(e, _orderId, "reminder");
        }
    }

    /// <summary>Aims the persisted expiry reminder at the expiry; it then ticks every period until the order is settled.</summary>
    private async Task ArmReminderAsync()
    {
        var due = S.ExpiresAt - Now;
        await this.RegisterOrUpdateReminder(ExpiryReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero, _options.ExpiryReminderPeriod);
    }

    /// <summary>Best effort: a reminder left behind ticks once more, finds the order settled and tries again.</summary>
    private async Task DisarmReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ExpiryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
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
        }
        catch (Exception e)
        {
            logger.OrderWriteFailed(e, _orderId);
            DeactivateOnIdle();
            throw;
        }
    }

    private ISkuStockGrain Stock(string locationId, string sku) => GrainFactory.GetGrain<ISkuStockGrain>(GrainKeys.Stock(locationId, sku));

    private IPickListGrain PickList(string storeId) => GrainFactory.GetGrain<IPickListGrain>(GrainKeys.PickList(storeId));
}
