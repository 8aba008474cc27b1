using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ChainPos.Abstractions;

/// <summary>Grain references without Orleans re-deriving the interface's type from its name on every call.</summary>
public static class GrainFactoryExtensions
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<Type, GrainTypes>> Resolved = new();

    /// <summary>
    /// The same reference as <c>GetGrain&lt;T&gt;(key)</c>. Orleans 10 resolves the grain interface type by
    /// formatting and parsing the interface's type name on each <c>GetGrain</c> (3 % of a busy node's CPU in the
    /// chain-day profile); this resolves <typeparamref name="T"/>'s grain and interface types once per factory and
    /// builds the id from them.
    /// </summary>
    /// <typeparam name="T">A string-keyed grain interface.</typeparam>
    /// <param name="factory">The grain factory (a grain's, or a cluster client).</param>
    /// <param name="key">The grain's key (<see cref="GrainKeys"/>).</param>
    /// <returns>A reference to the grain.</returns>
    public static T Grain<T>(this IGrainFactory factory, string key)
        where T : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(factory);
        var types = Resolved.GetOrCreateValue(factory).GetOrAdd(typeof(T), static (_, f) => Resolve<T>(f), factory);
        return (T)factory.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    private static GrainTypes Resolve<T>(IGrainFactory factory)
        where T : IGrainWithStringKey
    {
        var probe = (GrainReference)(object)factory.GetGrain<T>("type-probe");
        return new GrainTypes(probe.GrainId.Type, probe.InterfaceType);
    }

    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);
}
