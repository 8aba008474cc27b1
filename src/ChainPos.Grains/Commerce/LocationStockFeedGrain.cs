using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Commerce;

/// <summary>Persisted state of a location's stock feed (state name "locfeed").</summary>
[GenerateSerializer]
public sealed class LocationStockFeedState
{
    /// <summary>The newest level reported per SKU, with the feed sequence it was accepted under.</summary>
    [Id(0)] public Dictionary<string, LocationStockChange> Skus { get; set; } = [];
    /// <summary>Numbers every accepted report; the resume point of the location's change feed.</summary>
    [Id(1)] public long Sequence { get; set; }
}

/// <summary>
/// The change feed of one location across its SKUs. Reports carry absolute levels and the stock grain's version, so
/// repeats and out-of-order reports change nothing. Every stock grain of a busy store reports here, so the grain is
/// reentrant and shares writes (<see cref="CoalescingStateWriter"/>): reports that arrive while a write is in flight
/// are stored together by the next one, and each is acknowledged only once stored. Readers see only durable changes.
/// A write stores every SKU of the location (O(SKUs there)), but only one is in flight at a time, whatever the report rate.
/// </summary>
[Reentrant]
internal sealed class LocationStockFeedGrain(
    [PersistentState("locfeed", StorageNames.Grains)] IPersistentState<LocationStockFeedState> state,
    IOptions<CommerceOptions> options) : Grain, ILocationStockFeedGrain
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CoalescingStateWriter? _writer;
    private long _published;

    private LocationStockFeedState S => state.State;

    // A failed write deactivates the feed; the stock grains retry their reports, which the next activation stores.
    private CoalescingStateWriter Writer => _writer ??= new CoalescingStateWriter(WriteAsync, _ => DeactivateOnIdle());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _published = S.Sequence;
        return Task.CompletedTask;
    }

    public async Task UpdateAsync(string sku, LocationAvailability level)
    {
        Writer.ThrowIfFailed();
        var known = S.Skus.GetValueOrDefault(sku);
        if (known is null || known.Level.Version < level.Version)
        {
            S.Skus[sku] = new LocationStockChange(++S.Sequence, sku, level);
        }

        // Also for a repeat: the level it holds may wait for a write in flight, so it is acknowledged once stored.
        if (_published < S.Sequence)
        {
            await Writer.WriteAsync();
        }
    }

    private async Task WriteAsync()
    {
        var covers = S.Sequence;
        await state.WriteStateAsync();
        _published = Math.Max(_published, covers);
        var waiting = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.TrySetResult();
    }

    public Task<bool> IsPublishedAsync() =>
        Task.FromResult(options.Value.PublishesLocationFeed(this.GetPrimaryKeyString()[GrainKeys.LocationStockFeed("").Length..]));

    public Task<bool> HasStockAsync() => Task.FromResult(_published > 0);

    public async Task<LocationStockChanges> ChangesAfterAsync(long afterSequence, int maxChanges, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var after = afterSequence > _published ? 0 : afterSequence;
        if (after == _published && maxWait > TimeSpan.Zero)
        {
            await Task.WhenAny(_changed.Task, Task.Delay(maxWait, cancellationToken));
        }

        var published = _published;
        var changes = S.Skus.Values.Where(c => c.Sequence > after && c.Sequence <= published).OrderBy(c => c.Sequence).Take(Math.Max(1, maxChanges)).ToList();
        var next = changes.Count == Math.Max(1, maxChanges) ? changes[^1].Sequence : published;
        return new LocationStockChanges(changes, next);
    }
}
