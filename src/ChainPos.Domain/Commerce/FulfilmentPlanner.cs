namespace ChainPos.Domain;

/// <summary>Units of a line to take from one location.</summary>
/// <param name="LocationId">The location.</param>
/// <param name="Quantity">Units, at least 1.</param>
public sealed record PlannedPick(string LocationId, long Quantity);

/// <summary>
/// Chooses where an online order line is fulfilled from when the shop named no pickup store: the locations with
/// the most units available first (ties by location id, so the plan is deterministic), taking from the next one
/// only what the previous ones could not cover.
/// </summary>
public static class FulfilmentPlanner
{
    /// <summary>Plans <paramref name="quantity"/> units over <paramref name="available"/> (location → units available).</summary>
    /// <param name="quantity">Units needed, at least 1.</param>
    /// <param name="available">Units available per location; locations with none are skipped.</param>
    /// <returns>The picks, in the order they were chosen; their sum is less than <paramref name="quantity"/> when the locations cannot cover it.</returns>
    public static IReadOnlyList<PlannedPick> Plan(long quantity, IEnumerable<KeyValuePair<string, long>> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        var picks = new List<PlannedPick>();
        var remaining = quantity;
        foreach (var (location, units) in available
            .Where(a => a.Value > 0)
            .OrderByDescending(a => a.Value)
            .ThenBy(a => a.Key, StringComparer.Ordinal))
        {
            if (remaining <= 0)
            {
                break;
            }

            var take = Math.Min(remaining, units);
            picks.Add(new PlannedPick(location, take));
            remaining -= take;
        }

        return picks;
    }
}
