using System.Collections.Concurrent;
using Grpc.Core;

namespace ChainPos.LoadGen.Metrics;

/// <summary>Latencies of the successful calls of one method and its errors by gRPC status.</summary>
internal sealed class MethodStats
{
    /// <summary>Successful calls, µs.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Failed calls by status.</summary>
    public ConcurrentDictionary<StatusCode, long> Errors { get; } = new();

    /// <summary>Calls answered with a business refusal (e.g. out of stock): expected outcomes, not errors.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    private long _refused;

    public void Refuse() => Interlocked.Increment(ref _refused);
}
