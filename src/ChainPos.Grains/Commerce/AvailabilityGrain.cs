using ChainPos.Abstractions.Commerce;
using ChainPos.Storage;

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
/// then visible to the change feed (<see cref="ChangesAfterAsync"/>).
/// </summary>
internal sealed class AvailabilityGrain(
    [PersistentState("availability", StorageNames.Grains)] IPersistentState<AvailabilityState> state) : Grain, IAvailabilityGrain
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _published;

    private AvailabilityState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _published = S.Sequence;
        return Task.CompletedTask;
    }

    public async Task UpdateAsync(LocationAvailability level)
    {
        var known = S.Locations.GetValueOrDefault(level.LocationId);
        if (known is not null && known.Level.Version >= level.Version)
        {
            return;
        }

        S.Locations[level.LocationId] = new AvailabilityChange(++S.Sequence, level);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not durable: forget it, so the stock grain's retry of the same version is applied, not ignored.
            S.Sequence--;
            if (known is null)
            {
                S.Locations.Remove(level.LocationId);
            }
            else
            {
                S.Locations[level.LocationId] = known;
            }

            DeactivateOnIdle();
            throw;
        }

        _published = S.Sequence;
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
