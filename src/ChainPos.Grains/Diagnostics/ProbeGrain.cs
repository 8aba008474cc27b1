using ChainPos.Abstractions.Diagnostics;

namespace ChainPos.Grains.Diagnostics;

/// <summary>Counts its calls in memory; never stored. See <see cref="IProbeGrain"/>.</summary>
internal sealed class ProbeGrain : Grain, IProbeGrain
{
    private long _count;

    public Task<long> TouchAsync() => Task.FromResult(++_count);
}
