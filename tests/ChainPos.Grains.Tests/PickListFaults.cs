using System.Collections.Concurrent;
using ChainPos.Abstractions.Commerce;

namespace ChainPos.Grains.Tests;

/// <summary>Fails a pick-list shard's <c>AddAsync</c> of an order named in <see cref="FailOnce"/>, once (the shared cluster's filter).</summary>
public sealed class PickListFaults : IIncomingGrainCallFilter
{
    public static ConcurrentDictionary<string, bool> FailOnce { get; } = new(StringComparer.Ordinal);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IPickListGrain.AddAsync)
            && context.TargetId.ToString().Contains('#', StringComparison.Ordinal)
            && context.Request.GetArgument(0) is PickupEntry entry
            && FailOnce.TryRemove(entry.OrderId, out _))
        {
            throw new InvalidOperationException($"Injected: the pick list is unavailable for {entry.OrderId}.");
        }

        return context.Invoke();
    }
}
