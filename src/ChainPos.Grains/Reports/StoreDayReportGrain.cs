using ChainPos.Abstractions.Reports;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Reports;

/// <summary>
/// One store's business day. Reentrant: deliveries from many registers interleave while a write is in flight and
/// share the next one (<see cref="CoalescingStateWriter"/>), so the reports add no durable write per sale. Register
/// deliveries (sales, refunds) are re-sent by their register until acknowledged, so their write may wait
/// <see cref="CheckoutOptions.EffectWriteWindow"/> for the store's other registers; web orders write at once.
/// </summary>
[Reentrant]
internal sealed class StoreDayReportGrain : Grain, IStoreDayReportGrain
{
    private readonly IPersistentState<StoreDayReportState> _state;
    private readonly CoalescingStateWriter _writer;
    private string _storeId = "";
    private string _day = "";
    private readonly TimeProvider _clock;
    private readonly TimeSpan _window;
    private Task? _listing;

    public StoreDayReportGrain(
        [PersistentState("store-day-report", StorageNames.Grains)] IPersistentState<StoreDayReportState> state,
        TimeProvider clock,
        IOptions<CheckoutOptions> checkout)
    {
        _state = state;
        _clock = clock;
        _window = checkout.Value.EffectWriteWindow;
        _writer = new CoalescingStateWriter(state.WriteStateAsync, _ => DeactivateOnIdle());
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Key: rpt:{store}/{yyyy-MM-dd}; store ids never contain '/'.
        var key = this.GetPrimaryKeyString()["rpt:".Length..];
        var slash = key.LastIndexOf('/');
        (_storeId, _day) = (key[..slash], key[(slash + 1)..]);
        WebOrderDedup.Upgrade(_state.State);
        return Task.CompletedTask;
    }

    public async Task ReportSalesAsync(DaySalesBatch batch)
    {
        _writer.ThrowIfFailed();
        var s = _state.State;
        if (!s.ListedInChainDay)
        {
            // Before the first sale is stored, so the chain's index never misses a store that has figures.
            await (_listing ??= ListInChainDayAsync());
        }

        var high = s.HighWater.GetValueOrDefault(batch.RegisterId);
        var changed = false;
        for (var i = 0; i < batch.Sales.Count; i++)
        {
            var sale = batch.Sales[i];
            if (sale.Sequence <= high)
            {
                continue;
            }

            DayTotals.Add(s, batch.RegisterId, sale.Sale, batch.LocalHours[i], batch.Categories);
            high = sale.Sequence;
            changed = true;
        }

        if (changed)
        {
            s.HighWater[batch.RegisterId] = high;
        }

        // Even a pure repeat waits for the write in flight: the first delivery of these sales may still be in it.
        await _writer.WriteWithinAsync(_window);
    }

    public async Task ReportRefundsAsync(DayRefundsBatch batch)
    {
        _writer.ThrowIfFailed();
        var s = _state.State;
        if (!s.ListedInChainDay)
        {
            await (_listing ??= ListInChainDayAsync());
        }

        var high = s.RefundHighWater.GetValueOrDefault(batch.RegisterId);
        var changed = false;
        foreach (var refund in batch.Refunds)
        {
            if (refund.Sequence <= high)
            {
                continue;
            }

            DayTotals.Subtract(s, refund.Refund, batch.Categories);
            high = refund.Sequence;
            changed = true;
        }

        if (changed)
        {
            s.RefundHighWater[batch.RegisterId] = high;
        }

        // As for sales: a repeat waits for the write in flight, which may hold its first delivery.
        await _writer.WriteWithinAsync(_window);
    }

    public async Task ReportWebOrderAsync(WebOrderSale order)
    {
        _writer.ThrowIfFailed();
        var s = _state.State;
        if (!s.ListedInChainDay)
        {
            await (_listing ??= ListInChainDayAsync());
        }

        if (WebOrderDedup.TryCount(s, order.OrderId, order.SentAt, _clock.GetUtcNow()))
        {
            DayTotals.AddWebOrder(s, order);
        }

        // A repeat waits for the write in flight, which may hold its first delivery.
        await _writer.WriteAsync();
    }

    public Task ForgetWebOrderAsync(string orderId)
    {
        // No write of its own: the next write stores it. Until then the stored id still de-duplicates.
        WebOrderDedup.Forget(_state.State, orderId, _clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<DaySalesView> GetAsync() => Task.FromResult(DayTotals.View(_storeId, _day, _state.State));

    private async Task ListInChainDayAsync()
    {
        try
        {
            var day = ReportKeys.Parse(_day) ?? throw new InvalidOperationException($"Bad report key day '{_day}'.");
            await GrainFactory.Grain<IChainDayReportGrain>(ReportKeys.ChainDay(day)).AddStoreAsync(_storeId);
            _state.State.ListedInChainDay = true;
        }
        finally
        {
            _listing = null;
        }
    }
}
