using ChainPos.Abstractions.Commerce;

namespace ChainPos.Grains.Commerce;

/// <summary>
/// Choosing locations and asking them: a pickup order asks its store for every line in full; a shipped order is
/// planned from the availability index (most available first, split when needed) and re-planned onto the locations
/// not asked yet when one grants less than the index promised. The stock grains alone decide what is granted.
/// </summary>
internal sealed partial class OrderReservationGrain
{
    /// <summary>Rounds of asking stock grains (the first plan, then re-plans onto locations not asked yet).</summary>
    private const int PlanRounds = 3;

    /// <summary>Per SKU: location → units available, from the SKU's availability index.</summary>
    private async Task<Dictionary<string, Dictionary<string, long>>> ReadCandidatesAsync(List<OrderLineState> lines, IReadOnlyList<string>? shipFrom)
    {
        var reads = await Task.WhenAll(lines.Select(l => GrainFactory.Grain<IAvailabilityGrain>(GrainKeys.Availability(l.Sku)).GetAsync(shipFrom)));
        return lines.Zip(reads).ToDictionary(
            p => p.First.Sku,
            p => p.Second.ToDictionary(a => a.LocationId, a => a.Available, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>The first plan; refuses at once (nothing written, nothing reserved) when the index cannot cover a line.</summary>
    private static void PlanFromIndex(List<OrderLineState> lines, Dictionary<string, Dictionary<string, long>> candidates, bool shipFromGiven)
    {
        var shortLines = new List<string>();
        foreach (var line in lines)
        {
            var picks = FulfilmentPlanner.Plan(line.Quantity, candidates[line.Sku]);
            var covered = picks.Sum(p => p.Quantity);
            if (covered < line.Quantity)
            {
                shortLines.Add(ShortOf(line.Sku, covered, Across(shipFromGiven), line.Quantity));
            }

            line.Allocations.AddRange(picks.Select(p => new AllocationState { LocationId = p.LocationId, Requested = p.Quantity }));
        }

        if (shortLines.Count > 0)
        {
            throw Refusal(shortLines);
        }
    }

    /// <summary>
    /// Reserves every allocation that has no answer yet; without a pickup store, plans what a location could not
    /// grant onto the locations not tried yet (written before they are asked). Returns the units available as
    /// each SKU's stock grain saw them when it granted less than asked.
    /// </summary>
    private async Task<Dictionary<string, long>> GrantAsync(Dictionary<string, Dictionary<string, long>>? candidates)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var id = ReservationId;
        for (var round = 1; ; round++)
        {
            var pending = S.Lines.SelectMany(l => l.Allocations.Where(a => a.Granted is null).Select(a => (Line: l, Allocation: a))).ToList();
            var results = await Task.WhenAll(pending.Select(p =>
                Stock(p.Allocation.LocationId, p.Line.Sku).ReserveAsync(id, p.Allocation.Requested, allowPartial: candidates is not null, S.ExpiresAt)));
            foreach (var (p, result) in pending.Zip(results))
            {
                if (result.Granted > p.Allocation.Requested || (candidates is null && result.Granted != 0 && result.Granted != p.Allocation.Requested))
                {
                    // A hold left by a lost attempt under this id that asked for something else (see ReserveAsync):
                    // the roll-back gives it back and records this attempt as refused, so a retry uses the next attempt number.
                    p.Allocation.Granted = result.Granted;
                    throw PosException.Precondition(
                        $"Order '{_orderId}': an earlier attempt that was cut off asked for other quantities; its hold was released. Nothing was reserved; retry the reservation.");
                }

                p.Allocation.Granted = result.Granted;
                if (result.Granted < p.Allocation.Requested)
                {
                    seen[p.Line.Sku] = result.Level.Available;
                }
            }

            if (candidates is null || round == PlanRounds || !Replan(candidates))
            {
                return seen;
            }

            await WriteAsync();
        }
    }

    /// <summary>True when the attempt asks one stock grain only (one line, one location).</summary>
    private bool IsSingleAllocation() => S.Lines is [{ Allocations: [_] }];

    /// <summary>Adds allocations for what is still missing, at locations not asked yet; false when there is nowhere left to ask.</summary>
    private bool Replan(Dictionary<string, Dictionary<string, long>> candidates)
    {
        var added = false;
        foreach (var line in S.Lines)
        {
            var missing = line.Quantity - line.Allocations.Sum(a => a.Granted ?? 0);
            if (missing <= 0)
            {
                continue;
            }

            var asked = line.Allocations.Select(a => a.LocationId).ToHashSet(StringComparer.Ordinal);
            var picks = FulfilmentPlanner.Plan(missing, candidates[line.Sku].Where(c => !asked.Contains(c.Key)));
            line.Allocations.AddRange(picks.Select(p => new AllocationState { LocationId = p.LocationId, Requested = p.Quantity }));
            added |= picks.Count > 0;
        }

        return added;
    }

    private void ThrowIfShort(Dictionary<string, long> seen)
    {
        var shortLines = new List<string>();
        foreach (var line in S.Lines)
        {
            var granted = line.Allocations.Sum(a => a.Granted ?? 0);
            if (granted < line.Quantity)
            {
                shortLines.Add(S.PickupLocationId is { } store
                    ? ShortOf(line.Sku, seen.GetValueOrDefault(line.Sku), "at " + store, line.Quantity)
                    : ShortOf(line.Sku, granted, Across(S.ShipFrom.Count > 0), line.Quantity));
            }
        }

        if (shortLines.Count > 0)
        {
            throw Refusal(shortLines);
        }
    }

    private static string Across(bool shipFromGiven) => shipFromGiven ? "at the ship-from locations" : "across the chain";

    private static string ShortOf(string sku, long available, string where, long needed) =>
        $"SKU '{sku}': {available} available {where}, the order needs {needed}";

    private static PosException Refusal(List<string> lines) =>
        PosException.Precondition(string.Join("; ", lines) + ". Nothing was reserved.");
}
