using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Commerce;

/// <summary>Persisted state of a SKU's availability index (state name "availability").</summary>
[GenerateSerializer]
public sealed class AvailabilityState
{
    /// <summary>The newest level reported per location, with the index sequence it was accepted under.</summary>
    [Id(0)] public Dictionary<string, AvailabilityChange> Locations { get; set; } = [];
    /// <summary>Numbers every accepted report; the resume point of the change feed.</summary>
    [Id(1)] public long Sequence { get; set; }
}

/// <summary>
/// The availability index of one SKU. Each report carries absolute values and its stock grain's version, so a
/// repeated or out-of-order report changes nothing; an accepted one is durable before it is acknowledged, and only
/// then visible to the change feed (<see cref="ChangesAfterAsync"/>). Reentrant: reports from the SKU's locations
/// share writes, at most one per <see cref="CommerceOptions.AvailabilityWriteInterval"/>, so the index costs a few
/// writes a second per SKU however busy its locations are (the senders are the stock grains' debounced pushes,
/// off every customer's path).
/// </summary>
[Reentrant]
internal sealed class AvailabilityGrain : Grain, IAvailabilityGrain
{
    private readonly IPersistentState<AvailabilityState> _state;
    private readonly CoalescingStateWriter _writer;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _published;

    public AvailabilityGrain(
        [PersistentState("availability", StorageNames.Grains)] IPersistentState<AvailabilityState> state, IOptions<CommerceOptions> options)
    {
        _state = state;
        // A failed write leaves memory ahead of storage: the writer refuses every later call and the grain reloads.
        _writer = new CoalescingStateWriter(() => state.WriteStateAsync(), _ => DeactivateOnIdle(), options.Value.AvailabilityWriteInterval);
    }

    private AvailabilityState S => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _published = S.Sequence;
        return Task.CompletedTask;
    }

    public async Task UpdateAsync(LocationAvailability level)
    {
        _writer.ThrowIfFailed();
        var known = S.Locations.GetValueOrDefault(level.LocationId);
        if (known is not null && known.Level.Version >= level.Version)
        {
            // Held already, maybe by a write still in flight: answer once that is durable, so a retry never returns early.
            await _writer.WhenDurableAsync();
            return;
        }

        var sequence = ++S.Sequence;
        S.Locations[level.LocationId] = new AvailabilityChange(sequence, level);
        await _writer.WriteAsync();
        if (sequence <= _published)
        {
            return;
        }

        // Everything up to the sequence this write stored is durable (writes store all that was in memory when they began).
        _published = sequence;
        var waiting = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.TrySetResult();
    }

    public Task<IReadOnlyList<LocationAvailability>> GetAsync(IReadOnlyList<string>? locationIds) =>
        Task.FromResult<IReadOnlyList<LocationAvailability>>([.. Select(locationIds).Select(c => c.Level).OrderBy(l => l.LocationId, StringComparer.Ordinal)]);

    public async Task<AvailabilityChanges> ChangesAfterAsync(long afterSequence, IReadOnlyList<string>? locationIds, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var after = afterSequence > _published ? 0 : afterSequence;
        if (after == _published && maxWait > TimeSpan.Zero)
        {
            await Task.WhenAny(_changed.Task, Task.Delay(maxWait, cancellationToken));
        }

        // An update being written is not durable yet: only changes up to the published sequence are sent.
        var published = _published;
        var changes = Select(locationIds).Where(c => c.Sequence > after && c.Sequence <= published).OrderBy(c => c.Sequence).ToList();
        return new AvailabilityChanges(changes, published);
    }

    private IEnumerable<AvailabilityChange> Select(IReadOnlyList<string>? locationIds) => locationIds is { Count: > 0 }
        ? locationIds.Distinct(StringComparer.Ordinal).Select(id => S.Locations.GetValueOrDefault(id)).OfType<AvailabilityChange>()
        : S.Locations.Values;
}
