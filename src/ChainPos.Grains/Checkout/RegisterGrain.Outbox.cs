using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.Checkout;

internal sealed partial class RegisterGrain
{
    private IGrainTimer? _retryTimer;
    private long _backlogReported;

    public async Task<SaleOutcome> GetSaleOutcomeAsync(string saleId)
    {
        if (S.Recent.TryGetValue(saleId, out var seen) && seen.Kind is RecentKind.Sale or RecentKind.Void)
        {
            return SaleOutcome.Committed;
        }

        if (S.Outbox.Any(e => e.TransactionId == saleId))
        {
            return SaleOutcome.Committed;
        }

        var record = await SaleRecords(saleId).GetAsync();
        return record is not null && record.Sale.RegisterId == _registerId && record.Sale.StoreId == _storeId
            ? SaleOutcome.Committed
            : SaleOutcome.NotCommitted;
    }

    /// <summary>
    /// Delivers pending effects strictly in commit order (stock de-duplicates on the sequence, so a
    /// later effect must never overtake an earlier one). Stops at the first failure and retries later.
    /// </summary>
    public async Task<int> FlushOutboxAsync()
    {
        var delivered = 0;
        while (delivered < S.Outbox.Count)
        {
            var effect = S.Outbox[delivered];
            try
            {
                await DeliverAsync(effect);
            }
            catch (Exception e)
            {
                logger.EffectDeferred(e, Source, effect.Sequence, effect.TransactionId);
                ScheduleOutboxRetry(_options.OutboxRetryDelay);
                break;
            }

            delivered++;
        }

        if (delivered > 0)
        {
            S.Outbox.RemoveRange(0, delivered);
            PruneRecent();
            await WriteOrResetAsync();
            ReportBacklog();
        }

        return S.Outbox.Count;
    }

    private async Task DeliverAsync(PendingEffect effect)
    {
        var work = new List<Task>();
        if (effect.SaleRecord is { } record)
        {
            work.Add(RecordSaleAsync(record));
            work.Add(ReportSaleAsync(effect.Sequence, record));
        }

        // One delta per stock grain: it de-duplicates on (register, sequence), so a second line of the same SKU in
        // this effect would be taken for a repeat of the first and dropped.
        work.AddRange(effect.Stock.GroupBy(d => (d.LocationId, d.Sku)).Select(g =>
            GrainFactory.GetGrain<ISkuStockGrain>(GrainKeys.Stock(g.Key.LocationId, g.Key.Sku)).ApplyDeltaAsync(Source, effect.Sequence, g.Sum(d => d.Quantity))));
        work.AddRange(effect.GiftCardCaptures.Select(c =>
            GrainFactory.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(c.CodeHash)).CaptureAsync(c.HoldId)));
        work.AddRange(effect.GiftCardLoads.Select(l =>
            GrainFactory.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(l.CodeHash)).LoadAsync(l.OperationId, l.Amount, l.Currency, l.MaskedCode)));
        work.AddRange(effect.Loyalty.Select(l =>
            GrainFactory.GetGrain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(l.CustomerId)).ApplyAsync(l.Entry)));
        await Task.WhenAll(work);
    }

    private async Task RecordSaleAsync(SaleRecordData record)
    {
        try
        {
            await SaleRecords(record.Receipt.SaleId).RecordAsync(record);
        }
        catch (PosException e) when (e.Code == ErrorCode.AlreadyExists)
        {
            // Another register already recorded a sale with this client-made id. The sale itself is
            // committed here (and on its receipt); it must not block the effects behind it.
            logger.SaleIdCollision(Source, record.Receipt.SaleId);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // What this activation counted in chainpos.outbox.pending leaves with it (the next activation counts it again).
        metrics.OutboxChanged(-_backlogReported);
        _backlogReported = 0;
        return Task.CompletedTask;
    }

    /// <summary>Brings chainpos.outbox.pending in step with the outbox as last written (call after a durable write).</summary>
    private void ReportBacklog()
    {
        metrics.OutboxChanged(S.Outbox.Count - _backlogReported);
        _backlogReported = S.Outbox.Count;
    }

    /// <summary>Queues a delivery right after the current call (a timer turn): the caller is answered first.</summary>
    private void KickOutbox()
    {
        if (!_options.TestOnlyDeferOutboxDelivery)
        {
            ScheduleOutboxRetry(TimeSpan.Zero);
        }
    }

    private void ScheduleOutboxRetry(TimeSpan due)
    {
        _retryTimer?.Dispose();
        _retryTimer = this.RegisterGrainTimer(
            // The timer callback is already a turn of this grain: call the method directly (a call through
            // the grain reference would wait for this very turn to finish).
            static async (grain, _) => await grain.FlushOutboxAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan });
    }

    /// <summary>
    /// Keeps the id map small: it is written with every sale. A sale id may leave once its record is
    /// stored (not in the outbox); later retries of it are answered from the record. Returns, voids
    /// and cash movements have no record of their own, so a larger window of them is kept.
    /// </summary>
    private void PruneRecent()
    {
        var pending = S.Outbox.Select(e => e.TransactionId).ToHashSet(StringComparer.Ordinal);
        Evict(sales: true, _options.RecentIdsKept);
        Evict(sales: false, _options.RecentIdsKept * 4);

        void Evict(bool sales, int keep)
        {
            var candidates = S.Recent.Where(kv => (kv.Value.Kind == RecentKind.Sale) == sales).ToList();
            if (candidates.Count <= keep)
            {
                return;
            }

            foreach (var (id, entry) in candidates.Where(kv => !pending.Contains(kv.Key)).OrderBy(kv => kv.Value.OccurredAt).Take(candidates.Count - keep))
            {
                S.Recent.Remove(id);
                if (entry.Kind == RecentKind.Sale && entry.OccurredAt > S.SalesCutoff)
                {
                    S.SalesCutoff = entry.OccurredAt;
                }
            }
        }
    }
}
