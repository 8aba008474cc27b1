namespace ChainPos.Abstractions.Diagnostics;

/// <summary>A grain with in-memory state only, to measure what a grain call costs. Key: <see cref="GrainKeys.Probe"/>.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Counts the call and returns how many this activation has answered.</summary>
    Task<long> TouchAsync();
}
