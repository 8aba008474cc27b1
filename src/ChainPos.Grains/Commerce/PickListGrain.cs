using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;

namespace ChainPos.Grains.Commerce;

/// <summary>Persisted state of a store's pick list (state name "pick-list").</summary>
[GenerateSerializer]
public sealed class PickListState
{
    [Id(0)] public Dictionary<string, PickupEntry> Orders { get; set; } = [];
}

/// <summary>
/// A store's pickup orders. Written only by order grains, which drive it from their own durable state. Reentrant: a
/// flash sale of pickup orders at one store shares one write per batch of orders (each acknowledged after the write
/// that holds it). Orders past their expiry are not listed and are dropped at the next write: an expired order is
/// settled by its stock grains and records its expiry only when it is next called.
/// </summary>
[Reentrant]
internal sealed class PickListGrain(
    [PersistentState("pick-list", StorageNames.Grains)] IPersistentState<PickListState> state,
    TimeProvider time) : Grain, IPickListGrain
{
    private CoalescingStateWriter? _writer;
    private int _unacknowledged;

    private CoalescingStateWriter Writer => _writer ??= new CoalescingStateWriter(() => state.WriteStateAsync(), _ => DeactivateOnIdle());

    public async Task AddAsync(PickupEntry entry)
    {
        Writer.ThrowIfFailed();
        if (state.State.Orders.TryGetValue(entry.OrderId, out var known) && known.ExpiresAt == entry.ExpiresAt)
        {
            await DurableAsync();
            return;
        }

        state.State.Orders[entry.OrderId] = entry;
        await WriteAsync();
    }

    public async Task RemoveAsync(string orderId)
    {
        Writer.ThrowIfFailed();
        if (state.State.Orders.Remove(orderId))
        {
            await WriteAsync();
        }
        else
        {
            await DurableAsync();
        }
    }

    public Task<IReadOnlyList<PickupEntry>> ListAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<PickupEntry>>(
            [.. state.State.Orders.Values.Where(o => o.ExpiresAt > now).OrderBy(o => o.ReservedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal)]);
    }

    private async Task WriteAsync()
    {
        var now = time.GetUtcNow();
        foreach (var expired in state.State.Orders.Values.Where(o => o.ExpiresAt <= now).Select(o => o.OrderId).ToList())
        {
            state.State.Orders.Remove(expired);
        }

        _unacknowledged++;
        try
        {
            await Writer.WriteAsync();
        }
        finally
        {
            _unacknowledged--;
        }
    }

    private Task DurableAsync()
    {
        Writer.ThrowIfFailed();
        return _unacknowledged > 0 ? WriteAsync() : Task.CompletedTask;
    }
}
