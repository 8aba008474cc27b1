using System.Diagnostics;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Reports;
using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;

namespace ChainPos.Grains.Checkout;

internal sealed partial class RegisterGrain
{
    private IGrainTimer? _retryTimer;
    private IGrainTimer? _idleWriteTimer;
    private long _backlogReported;
    private Task? _delivering;
    private bool _deliveryQueued;

    // Highest effect sequence whose commit write has completed: only those effects may be delivered.
    private long _durableEffectSequence;

    // Delivered effects removed from the in-memory outbox, and how many of those removals a completed write carried.
    private long _removals;
    private long _persistedRemovals;

    public async Task<SaleOutcome> GetSaleOutcomeAsync(string saleId)
    {
        if (TryGetRecent(saleId, out var seen) && seen.Kind is RecentKind.Sale or RecentKind.Void)
        {
            return SaleOutcome.Committed;
        }

        if (_outbox.Contains(saleId))
        {
            return SaleOutcome.Committed;
        }

        var record = await SaleRecords(saleId).GetAsync();
        return record is not null && record.Sale.RegisterId == _registerId && record.Sale.StoreId == _storeId
            ? SaleOutcome.Committed
            : SaleOutcome.NotCommitted;
    }

    /// <summary>
    /// Delivers every pending effect that is durable, then writes the register so the delivered ones are gone from
    /// storage too (an explicit flush: tests, returns that need their sale's record, the outbox reminder). Returns
    /// how many effects are still pending.
    /// </summary>
    public async Task<int> FlushOutboxAsync()
    {
        await DeliverOutboxAsync();
        if (_removals > _persistedRemovals)
        {
            await WriteOrResetAsync();
        }

        return _outbox.Count;
    }

    /// <summary>
    /// Delivers pending effects in commit order, in batches of <see cref="CheckoutOptions.OutboxBatchSize"/>: one
    /// call per receiver per batch (one per stock grain with every transaction's delta under its sequence). A batch
    /// that fails is kept whole and retried later; receivers de-duplicate what they already applied. Only effects
    /// whose commit write has completed are sent (this runs interleaved with calls that may be committing).
    /// Removals are not written here: the register's next commit carries them (a crash before that only re-delivers
    /// effects the receivers recognise), or the idle write if none comes.
    /// </summary>
    private async Task DeliverOutboxAsync()
    {
        while (_delivering is { } running)
        {
            await running;
        }

        var done = new TaskCompletionSource();
        _delivering = done.Task;
        try
        {
            while (DurablePrefix() is var count and > 0)
            {
                var batch = _outbox.Head(count);

                // From the timer turn after a sale: a trace of its own, sampled at the root (the sale's trace ended with
                // its answer). Under a call that flushes the outbox (a return of a pending sale): part of that call's trace.
                using (var span = ChainPosTracing.Source.StartActivity(ChainPosTracing.DeliverEffects))
                {
                    if (span is { IsAllDataRequested: true }) // nine in ten are propagation-only: no tags to carry
                    {
                        span.SetTag("chainpos.register", Source);
                        span.SetTag("chainpos.effects", count);
                    }

                    try
                    {
                        await DeliverBatchAsync(batch);
                    }
                    catch (Exception e)
                    {
                        span?.SetStatus(ActivityStatusCode.Error, e.Message);
                        logger.EffectDeferred(e, Source, batch[0].Sequence, batch[0].TransactionId);
                        ScheduleOutboxRetry(_options.OutboxRetryDelay);
                        break;
                    }
                }

                // Only this method removes, and calls only append, so the first `count` entries are still the batch.
                _outbox.RemoveHead(count);
                _removals += count;
                PruneRecent();
                ReportBacklog();
            }
        }
        finally
        {
            _delivering = null;
            done.SetResult();
        }

        if (_removals - _persistedRemovals >= _options.OutboxUnwrittenRemovalsLimit)
        {
            await WriteOrResetAsync();
        }
        else if (_removals > _persistedRemovals)
        {
            ScheduleIdleWrite();
        }
    }

    /// <summary>How many effects at the head of the outbox are durable (their commit write completed), at most one batch.</summary>
    private int DurablePrefix()
    {
        var count = 0;
        var limit = Math.Min(_outbox.Count, Math.Max(1, _options.OutboxBatchSize));
        while (count < limit && _outbox[count].Sequence <= _durableEffectSequence)
        {
            count++;
        }

        return count;
    }

    private Task DeliverBatchAsync(List<PendingEffect> batch)
    {
        var work = new List<Task>();
        // Stock: one call per grain with one summed delta per transaction (two lines of one SKU share a sequence;
        // sent apart, the second would be taken for a repeat of the first).
        var stock = new Dictionary<(string LocationId, string Sku), List<SequencedStockDelta>>();
        // Cards and accounts: each receiver gets its effects one after another in commit order, receivers in parallel.
        var chains = new Dictionary<string, List<Func<Task>>>(StringComparer.Ordinal);
        // Reports: the batch's sales in commit order in one call (the report de-duplicates on a high-water mark).
        var reported = new List<ReportedSale>();
        var refunds = new List<ReportedRefund>();
        // Receipt numbers: one call per index bucket per batch.
        var receipts = new Dictionary<string, List<ReceiptIndexEntry>>(StringComparer.Ordinal);
        foreach (var effect in batch)
        {
            if (effect.SaleRecord is { } record)
            {
                work.Add(RecordSaleAsync(record));
                reported.Add(new ReportedSale(effect.Sequence, record));
                var bucket = GrainKeys.ReceiptIndex(_storeId, _registerId, record.Receipt.ReceiptSequence);
                if (!receipts.TryGetValue(bucket, out var entries))
                {
                    receipts[bucket] = entries = [];
                }

                entries.Add(new ReceiptIndexEntry(record.Receipt.ReceiptSequence, record.Receipt.SaleId));
            }

            if (effect.Refund is { } refund)
            {
                refunds.Add(new ReportedRefund(effect.Sequence, refund));
            }

            foreach (var delta in effect.Stock)
            {
                var key = (delta.LocationId, delta.Sku);
                if (!stock.TryGetValue(key, out var deltas))
                {
                    stock[key] = deltas = [];
                }

                if (deltas.Count > 0 && deltas[^1].Sequence == effect.Sequence)
                {
                    deltas[^1] = deltas[^1] with { Quantity = deltas[^1].Quantity + delta.Quantity };
                }
                else
                {
                    deltas.Add(new SequencedStockDelta(effect.Sequence, delta.Quantity, effect.TransactionId));
                }
            }

            foreach (var c in effect.GiftCardCaptures)
            {
                Chain(GrainKeys.GiftCard(c.CodeHash), () => GrainFactory.Grain<IGiftCardGrain>(GrainKeys.GiftCard(c.CodeHash)).CaptureAsync(c.HoldId));
            }

            foreach (var l in effect.GiftCardLoads)
            {
                Chain(GrainKeys.GiftCard(l.CodeHash), () =>
                    GrainFactory.Grain<IGiftCardGrain>(GrainKeys.GiftCard(l.CodeHash)).LoadAsync(l.OperationId, l.Amount, l.Currency, l.MaskedCode));
            }

            foreach (var a in effect.AllowanceSpends)
            {
                Chain(a.GrainKey, () => a.GiftCard
                    ? GrainFactory.Grain<IGiftCardGrain>(a.GrainKey).SpendLeaseAsync(a.Spend)
                    : GrainFactory.Grain<ILoyaltyAccountGrain>(a.GrainKey).SpendLeaseAsync(a.Spend));
            }

            foreach (var l in effect.Loyalty)
            {
                Chain(GrainKeys.Loyalty(l.CustomerId), () => GrainFactory.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(l.CustomerId)).ApplyAsync(l.Entry));
            }
        }

        foreach (var ((locationId, sku), deltas) in stock)
        {
            work.Add(GrainFactory.Grain<ISkuStockGrain>(GrainKeys.Stock(locationId, sku)).ApplyDeltasAsync(Source, deltas));
        }

        foreach (var chain in chains.Values)
        {
            work.Add(RunInOrderAsync(chain));
        }

        foreach (var (bucket, entries) in receipts)
        {
            work.Add(GrainFactory.Grain<IReceiptIndexGrain>(bucket).AddAsync(entries));
        }

        // Sales before refunds: a return of a sale still pending when it was made can ride in the same batch as that
        // sale, and the reports must see the sale before they take it back.
        if (reported.Count > 0 && refunds.Count > 0)
        {
            work.Add(ReportSalesThenRefundsAsync(reported, refunds));
        }
        else if (reported.Count > 0)
        {
            work.Add(ReportSalesAsync(reported));
        }
        else if (refunds.Count > 0)
        {
            work.Add(ReportRefundsAsync(refunds));
        }

        return Task.WhenAll(work);

        void Chain(string receiver, Func<Task> call)
        {
            if (!chains.TryGetValue(receiver, out var calls))
            {
                chains[receiver] = calls = [];
            }

            calls.Add(call);
        }

        static async Task RunInOrderAsync(List<Func<Task>> calls)
        {
            foreach (var call in calls)
            {
                await call();
            }
        }
    }

    private async Task RecordSaleAsync(SaleRecordData record)
    {
        try
        {
            await saleRecords.RecordAsync(record);
        }
        catch (PosException e) when (e.Code == ErrorCode.AlreadyExists)
        {
            // Another register already recorded a sale with this client-made id. The sale itself is
            // committed here (and on its receipt); it must not block the effects behind it.
            logger.SaleIdCollision(Source, record.Receipt.SaleId);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // What this activation counted in chainpos.outbox.pending leaves with it (the next activation counts it again).
        metrics.OutboxChanged(-_backlogReported);
        _backlogReported = 0;
        if (_removals > _persistedRemovals && _writer is { Failed: false })
        {
            // Best effort: spares the next activation re-delivering effects the receivers already hold.
            try
            {
                await WriteOrResetAsync();
            }
            catch (StorageFailureException)
            {
                // The state on disk still lists them; re-delivery is de-duplicated.
            }
        }
    }

    /// <summary>Brings chainpos.outbox.pending in step with the outbox as last written (call after a durable write).</summary>
    private void ReportBacklog()
    {
        metrics.OutboxChanged(_outbox.Count - _backlogReported);
        _backlogReported = _outbox.Count;
    }

    /// <summary>
    /// Starts a delivery right after the current call (the caller is answered first), unless one is running or
    /// queued: a running delivery looks at the outbox again after each batch, so it takes this commit's effects too.
    /// </summary>
    private void KickOutbox()
    {
        if (_options.TestOnlyDeferOutboxDelivery || _delivering is not null || _deliveryQueued)
        {
            return;
        }

        _deliveryQueued = true;
        AfterTurn.Run(
            static grain =>
            {
                grain._deliveryQueued = false;
                return grain.DeliverOutboxAsync();
            },
            this,
            e => logger.DeliveryFailed(e, Source));
    }

    private void ScheduleOutboxRetry(TimeSpan due)
    {
        _retryTimer?.Dispose();
        _retryTimer = this.RegisterGrainTimer(
            // The timer callback is already a turn of this grain: call the method directly (a call through
            // the grain reference would wait for this very turn to finish).
            // It interleaves with calls, so the register takes the next sale while receivers write this one's effects.
            static async (grain, _) => await grain.DeliverOutboxAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    /// <summary>Writes delivered removals if no commit has carried them by then (an idle register).</summary>
    private void ScheduleIdleWrite()
    {
        _idleWriteTimer ??= this.RegisterGrainTimer(
            static async (grain, _) =>
            {
                grain._idleWriteTimer?.Dispose();
                grain._idleWriteTimer = null;
                if (grain._removals > grain._persistedRemovals)
                {
                    await grain.WriteOrResetAsync();
                }
            },
            this,
            new GrainTimerCreationOptions { DueTime = _options.OutboxIdleWriteDelay, Period = Timeout.InfiniteTimeSpan });
    }

    /// <summary>
    /// Forgets all but the newest remembered ids. The sale ids are in the row written with every sale, so only a few
    /// stay, delivered or not: a retry of a pending sale is answered from the outbox, of a delivered one from its
    /// record (<see cref="RegisterState.SalesCutoff"/> says which ids to look up there). Returns, voids and cash
    /// movements have no record of their own, so a larger window of them is kept, and none leaves while pending.
    /// </summary>
    private void PruneRecent()
    {
        if (S.Recent.Count > _options.RecentIdsKept)
        {
            foreach (var (id, entry) in S.Recent.OrderBy(kv => kv.Value.OccurredAt).Take(S.Recent.Count - _options.RecentIdsKept).ToList())
            {
                S.Recent.Remove(id);
                if (entry.OccurredAt > S.SalesCutoff)
                {
                    S.SalesCutoff = entry.OccurredAt;
                }
            }
        }

        if (S.RecentOther.Count > _options.RecentOtherIdsKept)
        {
            var pending = _outbox.TransactionIds();
            foreach (var id in S.RecentOther.Where(kv => !pending.Contains(kv.Key)).OrderBy(kv => kv.Value.OccurredAt)
                         .Take(S.RecentOther.Count - _options.RecentOtherIdsKept).Select(kv => kv.Key).ToList())
            {
                S.RecentOther.Remove(id);
            }
        }
    }
}
