using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;

namespace ChainPos.Grains.Stock;

/// <summary>
/// Durable writes of the (reentrant) stock grain. Every call decides in one turn (no await between reading the state
/// and changing it), then awaits <see cref="SaveAsync"/>: calls that arrive while a write is in flight join the next
/// write, so a hot SKU does one write per batch of callers, and each caller answers only after the write that holds
/// its change. A call that finds its change already made (a retry) waits until that change is durable too.
/// </summary>
internal sealed partial class SkuStockGrain
{
    private CoalescingStateWriter? _writer;
    private int _unacknowledged;

    private CoalescingStateWriter Writer => _writer ??= new CoalescingStateWriter(WriteBatchAsync, _ => DeactivateOnIdle());

    /// <summary>
    /// Writes the state (shared with concurrent callers), then, for a change of the levels, queues the push to the
    /// availability index. <paramref name="deferred"/>: an outbox delivery, which its register re-sends until this
    /// returns, so the write may wait <see cref="CheckoutOptions.EffectWriteWindow"/> for more; any other call's
    /// write starts at once and carries the waiting deltas with it.
    /// </summary>
    private async Task SaveAsync(bool levelsChanged = true, bool deferred = false)
    {
        if (levelsChanged)
        {
            S.Version++;
        }

        _unacknowledged++;
        try
        {
            await (deferred ? Writer.WriteWithinAsync(checkout.Value.EffectWriteWindow) : Writer.WriteAsync());
        }
        finally
        {
            _unacknowledged--;
        }
    }

    /// <summary>Completes when everything in memory now is durable: for a call that found its change made by a call still writing.</summary>
    private Task DurableAsync(bool deferred = false)
    {
        Writer.ThrowIfFailed();
        return _unacknowledged > 0 ? SaveAsync(levelsChanged: false, deferred) : Task.CompletedTask;
    }

    /// <summary>One write for the whole batch; the level it pushes is the one this write stores, never a later one.</summary>
    private async Task WriteBatchAsync()
    {
        // Taken before the first await: the storage provider serializes the state before it awaits the database too.
        var level = new LocationAvailability(_locationId, S.OnHand, S.Reserved, S.SafetyStock, S.Version, time.GetUtcNow());
        var low = CurrentLowStock();
        var fullPage = FullMovementPage();
        await state.WriteStateAsync();
        if (fullPage is { } page)
        {
            _ = MoveOutAsync(page); // runs on in the grain's turns; the caller does not wait for it
        }

        if (level.Version > _durableVersion)
        {
            _durableVersion = level.Version;
            QueueLowStock(low);
            SchedulePush(level);
        }
    }
}
