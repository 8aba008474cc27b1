namespace ChainPos.Abstractions.Commerce;

/// <summary>A SKU's level at the feed's location as the feed accepted it, numbered by the location's own sequence.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.LocationStockChange")]
public sealed record LocationStockChange(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Sku,
    [property: Id(2)] LocationAvailability Level);

/// <summary>
/// The newest level of every SKU that changed at the location after a sequence, oldest change first, and the
/// sequence to ask after next time (the last one sent when the answer was cut at its size limit, else the feed's newest).
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.LocationStockChanges")]
public sealed record LocationStockChanges(
    [property: Id(0)] IReadOnlyList<LocationStockChange> Changes,
    [property: Id(1)] long Sequence);

/// <summary>
/// The change feed of one location across all its SKUs (a location-only <c>WatchStock</c>): SKU → newest level, fed by
/// the location's stock grains with the same pushes that feed <see cref="IAvailabilityGrain"/>, so following a whole
/// location is one long poll, not one per SKU. Key: <see cref="GrainKeys.LocationStockFeed"/>.
/// </summary>
public interface ILocationStockFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a SKU's level unless a report with the same or a newer version is held; returns once the held level
    /// is durable (also for a repeat, so a retry after a failed write is acknowledged only when it is stored).
    /// </summary>
    Task UpdateAsync(string sku, LocationAvailability level);

    /// <summary>Whether this location is configured to publish its feed (<c>ChainPos:Commerce:LocationFeeds</c>); an unlisted one is never fed.</summary>
    [ReadOnly]
    Task<bool> IsPublishedAsync();

    /// <summary>Whether any stock has ever been reported at this location.</summary>
    [ReadOnly]
    Task<bool> HasStockAsync();

    /// <summary>
    /// Long poll: the SKUs whose level changed after <paramref name="afterSequence"/>, each with its newest durable
    /// level, at most <paramref name="maxChanges"/>. Waits up to <paramref name="maxWait"/> when there is none yet. A
    /// cursor ahead of the feed (never issued by it) is answered from the start. Cancelling ends the wait at once.
    /// </summary>
    [AlwaysInterleave]
    Task<LocationStockChanges> ChangesAfterAsync(long afterSequence, int maxChanges, TimeSpan maxWait, CancellationToken cancellationToken = default);
}
