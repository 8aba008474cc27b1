using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>
/// WatchStock: one long poll per SKU on its availability index (<see cref="IAvailabilityGrain.ChangesAfterAsync"/>),
/// re-issued after each answer from the sequence it returned. The index sends the newest level of every location
/// changed after that sequence, so a client resuming from the last sequence it saw misses nothing.
/// </summary>
public sealed partial class CommerceGrpcService
{
    /// <summary>SKUs one stream may follow.</summary>
    public const int MaxWatchSkus = 500;

    /// <summary>How long one poll waits for a change: well below the cluster's response timeout.</summary>
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan PollRetryDelay = TimeSpan.FromSeconds(1);

    public override async Task WatchStock(WatchStockRequest request, IServerStreamWriter<StockChange> responseStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.RequireCommerceOrAdmin();
        if (request.Skus.Count == 0 && request.LocationIds.Count > 0)
        {
            await WatchLocationsAsync(request, responseStream, caller.Name, context.CancellationToken);
            return;
        }

        var (cursors, locations) = ValidateWatch(request);
        var stop = context.CancellationToken;
        var polls = cursors.ToDictionary(c => PollAsync(c.Key, c.Value, locations, TimeSpan.Zero, TimeSpan.Zero, stop), c => c.Key);
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

                var poll = (Task<AvailabilityChanges>)done;
                polls.Remove(poll, out var sku);
                if (poll.IsCanceled)
                {
                    return;
                }

                if (poll.IsFaulted)
                {
                    logger.WatchPollFailed(poll.Exception.GetBaseException(), caller.Name, sku!);
                    polls.Add(PollAsync(sku!, cursors[sku!], locations, PollWait, PollRetryDelay, stop), sku!);
                    continue;
                }

                foreach (var change in poll.Result.Changes)
                {
                    await responseStream.WriteAsync(change.ToProto(sku!), stop);
                }

                cursors[sku!] = poll.Result.Sequence;
                polls.Add(PollAsync(sku!, poll.Result.Sequence, locations, PollWait, TimeSpan.Zero, stop), sku!);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away: the stream simply ends.
        }
    }

    private static (Dictionary<string, long> Cursors, List<string>? Locations) ValidateWatch(WatchStockRequest request)
    {
        if (request.Skus.Count == 0)
        {
            throw PosException.Invalid("Name 1..500 SKUs to follow, or only location_ids to follow every SKU of those locations.");
        }

        RequestLimits.Between1And(request.Skus.Count, MaxWatchSkus, "SKUs");
        RequestLimits.AtMost(request.LocationIds.Count, MaxAvailabilityLocations, "locations");
        if (request.ResumeFromLocations.Count > 0)
        {
            throw PosException.Invalid("resume_from_locations belongs to a location-only watch (no skus); resume a SKU watch with resume_from.");
        }

        var cursors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var sku in request.Skus)
        {
            cursors[Ids.Require(sku, "sku")] = 0;
        }

        foreach (var location in request.LocationIds)
        {
            Ids.Require(location, "location_id");
        }

        foreach (var cursor in request.ResumeFrom)
        {
            if (!cursors.ContainsKey(cursor.Sku) || cursor.Sequence < 0)
            {
                throw PosException.Invalid($"resume_from: SKU '{cursor.Sku}' is not watched, or its sequence {cursor.Sequence} is negative.");
            }

            cursors[cursor.Sku] = cursor.Sequence;
        }

        return (cursors, request.LocationIds.Count > 0 ? [.. request.LocationIds] : null);
    }

    private async Task<AvailabilityChanges> PollAsync(string sku, long after, List<string>? locations, TimeSpan wait, TimeSpan delay, CancellationToken stop)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, stop);
        }

        return await grains.Grain<IAvailabilityGrain>(GrainKeys.Availability(sku)).ChangesAfterAsync(after, locations, wait, stop);
    }
}
