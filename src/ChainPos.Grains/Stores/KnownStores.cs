using System.Collections.Concurrent;
using ChainPos.Abstractions.Stores;

namespace ChainPos.Grains.Stores;

/// <summary>
/// The stores this silo has seen configured. A store is never removed once configured, so "it exists" never goes
/// stale and needs no invalidation: a web order for pickup at a known store skips the store grain call (and the copy of
/// its whole settings, employees and promotions included) that every order paid for before.
/// </summary>
internal sealed class KnownStores(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    public async Task<bool> ExistsAsync(string storeId)
    {
        if (_known.ContainsKey(storeId))
        {
            return true;
        }

        if (await grains.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync() is null)
        {
            return false; // not remembered: it may be configured later
        }

        _known.TryAdd(storeId, 0);
        return true;
    }
}
