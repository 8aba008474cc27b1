using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Stores;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>
/// Location-only WatchStock: every SKU of 1..50 locations. The per-SKU indexes cannot serve it (the SKUs of a location
/// are not known without a scan, and their sequences are per SKU), so each location has its own feed grain
/// (<see cref="ILocationStockFeedGrain"/>), fed by the same stock grain pushes; one long poll per location, resumed
/// from the location's own sequence.
/// </summary>
public sealed partial class CommerceGrpcService
{
    /// <summary>Locations one location-only stream may follow.</summary>
    public const int MaxWatchLocations = 50;

    /// <summary>Changes per answer of a location feed: a store's first answer (every SKU) comes in pages.</summary>
    private const int LocationFeedPage = 500;

    private async Task WatchLocationsAsync(WatchStockRequest request, IServerStreamWriter<StockChange> responseStream, string caller, CancellationToken stop)
    {
        var cursors = ValidateLocationWatch(request);
        await Task.WhenAll(cursors.Keys.Select(RequireLocationAsync));
        var polls = cursors.ToDictionary(c => PollLocationAsync(c.Key, c.Value, TimeSpan.Zero, TimeSpan.Zero, stop), c => c.Key);
        var cancelled = Task.Delay(Timeout.Infinite, stop);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var done = await Task.WhenAny(polls.Keys.Append<Task>(cancelled));
                if (done == cancelled)
                {
                    return;
                }

                var poll = (Task<LocationStockChanges>)done;
                polls.Remove(poll, out var location);
                if (poll.IsCanceled)
                {
                    return;
                }

                if (poll.IsFaulted)
                {
                    logger.WatchLocationPollFailed(poll.Exception.GetBaseException(), caller, location!);
                    polls.Add(PollLocationAsync(location!, cursors[location!], PollWait, PollRetryDelay, stop), location!);
                    continue;
                }

                foreach (var change in poll.Result.Changes)
                {
                    await responseStream.WriteAsync(change.ToProto(), stop);
                }

                cursors[location!] = poll.Result.Sequence;
                polls.Add(PollLocationAsync(location!, poll.Result.Sequence, PollWait, TimeSpan.Zero, stop), location!);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away: the stream simply ends.
        }
    }

    private static Dictionary<string, long> ValidateLocationWatch(WatchStockRequest request)
    {
        RequestLimits.AtMost(request.LocationIds.Count, MaxWatchLocations, "locations in a location-only watch");
        if (request.ResumeFrom.Count > 0)
        {
            throw PosException.Invalid("resume_from belongs to a SKU watch; resume a location-only watch with resume_from_locations.");
        }

        var cursors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var location in request.LocationIds)
        {
            cursors[Ids.Require(location, "location_id")] = 0;
        }

        foreach (var cursor in request.ResumeFromLocations)
        {
            if (!cursors.ContainsKey(cursor.LocationId) || cursor.Sequence < 0)
            {
                throw PosException.Invalid($"resume_from_locations: location '{cursor.LocationId}' is not watched, or its sequence {cursor.Sequence} is negative.");
            }

            cursors[cursor.LocationId] = cursor.Sequence;
        }

        return cursors;
    }

    /// <summary>A location is a configured store or a place that has held stock (a warehouse need not be a store).</summary>
    private async Task RequireLocationAsync(string locationId)
    {
        var feed = grains.Grain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(locationId));
        if (!await feed.IsPublishedAsync())
        {
            throw PosException.Precondition(
                $"Location '{locationId}' publishes no location-wide feed: add it to ChainPos:Commerce:LocationFeeds on the silos, or watch its SKUs by name.");
        }

        if (await feed.HasStockAsync()
            || await grains.Grain<IStoreGrain>(GrainKeys.Store(locationId)).GetAsync() is not null)
        {
            return;
        }

        throw PosException.NotFound($"Location '{locationId}' is unknown: it is no configured store and has never held stock.");
    }

    private async Task<LocationStockChanges> PollLocationAsync(string locationId, long after, TimeSpan wait, TimeSpan delay, CancellationToken stop)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, stop);
        }

        return await grains.Grain<ILocationStockFeedGrain>(GrainKeys.LocationStockFeed(locationId)).ChangesAfterAsync(after, LocationFeedPage, wait, stop);
    }
}
