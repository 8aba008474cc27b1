using ChainPos.Abstractions.Commerce;
using ChainPos.Storage;

namespace ChainPos.Grains.Commerce;

/// <summary>Persisted state of a store's pick list (state name "pick-list").</summary>
[GenerateSerializer]
public sealed class PickListState
{
    [Id(0)] public Dictionary<string, PickupEntry> Orders { get; set; } = [];
}

/// <summary>A store's pickup orders. Written only by order grains, which drive it from their own durable state.</summary>
internal sealed class PickListGrain(
    [PersistentState("pick-list", StorageNames.Grains)] IPersistentState<PickListState> state) : Grain, IPickListGrain
{
    public async Task AddAsync(PickupEntry entry)
    {
        if (state.State.Orders.TryGetValue(entry.OrderId, out var known) && known.ExpiresAt == entry.ExpiresAt)
        {
            return;
        }

        state.State.Orders[entry.OrderId] = entry;
        await WriteAsync();
    }

    public async Task RemoveAsync(string orderId)
    {
        if (state.State.Orders.Remove(orderId))
        {
            await WriteAsync();
        }
    }

    public Task<IReadOnlyList<PickupEntry>> ListAsync() => Task.FromResult<IReadOnlyList<PickupEntry>>(
        [.. state.State.Orders.Values.OrderBy(o => o.ReservedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal)]);

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
