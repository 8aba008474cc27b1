using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;

namespace ChainPos.Grains.Commerce;

/// <summary>
/// Persisted state of a store's pick list, or of one of its shards (state name "pick-list"). With the group-commit
/// provider each order is an entry row of its own (<see cref="ILedgerState"/>): a flash sale of pickup orders writes the
/// orders added, not every open one.
/// </summary>
[GenerateSerializer]
public sealed class PickListState : ILedgerState
{
    [Id(0)] public LedgerMap<PickupEntry> Orders { get; set; } = new();

    ILedgerMap ILedgerState.Ledger => Orders;
}

/// <summary>
/// A store's pick list. Written only by order grains, which drive it from their own durable state. The store's grain
/// (<c>pick:{store}</c>) spreads the orders over <see cref="Shards"/> shard activations of this same class
/// (<c>pick:{store}#{n}</c>, by a hash of the order id), so no write holds more than a fraction of the store's open
/// pickups; it lists them all by asking every shard (and still lists and removes orders it stored itself before
/// sharding). Shards are reentrant: a flash sale of pickup orders shares one write per batch of orders (each
/// acknowledged after the write that holds it). Orders past their expiry are not listed and are dropped at the next
/// write: an expired order is settled by its stock grains and records its expiry only when it is next called.
/// </summary>
[Reentrant]
internal sealed class PickListGrain(
    [PersistentState("pick-list", StorageNames.Grains)] IPersistentState<PickListState> state,
    TimeProvider time) : Grain, IPickListGrain
{
    private const int Shards = 16;
    private CoalescingStateWriter? _writer;
    private int _unacknowledged;
    private bool _isShard;

    // No order held expires before this (a lower bound: removals do not raise it). Expired orders are looked for only
    // once it has passed: scanning every open order on every write cost a flash sale's shards 8 % of the node's CPU.
    private DateTimeOffset _earliestExpiry = DateTimeOffset.MinValue;

    private CoalescingStateWriter Writer => _writer ??= new CoalescingStateWriter(() => state.WriteStateAsync(), _ => DeactivateOnIdle());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _isShard = this.GetPrimaryKeyString().Contains('#', StringComparison.Ordinal);
        return Task.CompletedTask;
    }

    public async Task AddAsync(PickupEntry entry)
    {
        if (!_isShard)
        {
            await Shard(entry.OrderId).AddAsync(entry);
            return;
        }

        Writer.ThrowIfFailed();
        if (state.State.Orders.TryGetValue(entry.OrderId, out var known) && known.ExpiresAt == entry.ExpiresAt)
        {
            await DurableAsync();
            return;
        }

        state.State.Orders[entry.OrderId] = entry;
        if (entry.ExpiresAt < _earliestExpiry)
        {
            _earliestExpiry = entry.ExpiresAt;
        }

        await WriteAsync();
    }

    public async Task RemoveAsync(string orderId)
    {
        if (!_isShard)
        {
            await Shard(orderId).RemoveAsync(orderId);
        }

        // A shard, or the store's grain for an order it stored itself before sharding.
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

    public async Task<IReadOnlyList<PickupEntry>> ListAsync()
    {
        IEnumerable<PickupEntry> orders = state.State.Orders.Values;
        if (!_isShard)
        {
            var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(n => ShardNo(n).ListAsync()));
            orders = orders.Concat(shards.SelectMany(s => s));
        }

        var now = time.GetUtcNow();
        return [.. orders.Where(o => o.ExpiresAt > now).OrderBy(o => o.ReservedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal)];
    }

    private IPickListGrain Shard(string orderId)
    {
        // FNV-1a: stable across processes and versions (string.GetHashCode is not).
        var hash = 2166136261u;
        foreach (var c in orderId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return ShardNo((int)(hash % Shards));
    }

    private IPickListGrain ShardNo(int n) => GrainFactory.Grain<IPickListGrain>($"{this.GetPrimaryKeyString()}#{n}");

    private async Task WriteAsync()
    {
        var now = time.GetUtcNow();
        if (now >= _earliestExpiry)
        {
            foreach (var expired in state.State.Orders.Values.Where(o => o.ExpiresAt <= now).Select(o => o.OrderId).ToList())
            {
                state.State.Orders.Remove(expired);
            }

            _earliestExpiry = state.State.Orders.Count == 0 ? DateTimeOffset.MaxValue : state.State.Orders.Values.Min(o => o.ExpiresAt);
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
