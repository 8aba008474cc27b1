namespace ChainPos.Abstractions.Commerce;

/// <summary>
/// One location's stock of a SKU as its stock grain last reported it. <see cref="Version"/> increases with every
/// change at that location, so an older or repeated report is ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.LocationAvailability")]
public sealed record LocationAvailability(
    string LocationId,
    long OnHand,
    long Reserved,
    long SafetyStock,
    long Version,
    DateTimeOffset UpdatedAt)
{
    /// <summary>What may still be promised online: on hand − reserved − safety stock, never below 0.</summary>
    public long Available => Math.Max(0, OnHand - Reserved - SafetyStock);
}

/// <summary>A location's level as the index accepted it, numbered by the index's own sequence (per SKU, increasing).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.AvailabilityChange")]
public sealed record AvailabilityChange(long Sequence, LocationAvailability Level);

/// <summary>
/// The newest level of every location that changed after a sequence, oldest change first, and the sequence to ask
/// after next time (the index's newest, also when the location filter left nothing to send).
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.AvailabilityChanges")]
public sealed record AvailabilityChanges(IReadOnlyList<AvailabilityChange> Changes, long Sequence);

/// <summary>
/// The availability index of one SKU: location → level, fed by the SKU's stock grains after each change, so
/// availability for many SKUs across all locations is one grain read per SKU. Eventually consistent; the stock
/// grains alone decide what is granted. Key: <see cref="GrainKeys.Availability"/>.
/// </summary>
public interface IAvailabilityGrain : IGrainWithStringKey
{
    /// <summary>Records a location's level unless a report with the same or a newer version is already held.</summary>
    Task UpdateAsync(LocationAvailability level);

    /// <summary>The levels of <paramref name="locationIds"/> (all locations when null or empty), ordered by location id.</summary>
    [ReadOnly]
    Task<IReadOnlyList<LocationAvailability>> GetAsync(IReadOnlyList<string>? locationIds);

    /// <summary>
    /// Long poll for a change feed: the locations (of <paramref name="locationIds"/>, all when null or empty) whose level
    /// changed after <paramref name="afterSequence"/>, each with its newest level only. Waits up to
    /// <paramref name="maxWait"/> for a change when there is none yet. A cursor ahead of the index (never issued by it)
    /// is answered with every location. Only durable changes are returned; interleaves with updates. Cancelling
    /// <paramref name="cancellationToken"/> (the caller went away) ends the wait at once.
    /// </summary>
    [AlwaysInterleave]
    Task<AvailabilityChanges> ChangesAfterAsync(long afterSequence, IReadOnlyList<string>? locationIds, TimeSpan maxWait, CancellationToken cancellationToken = default);
}
