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

    /// <summary>When the first refusal came, from the start of the run (e.g. the moment a flash sale sold out).</summary>
    public TimeSpan? FirstRefusal { get; private set; }

    /// <summary>Calls sent an extra time with the same id, their first answer dropped (lost-answer simulation).</summary>
    public long Resent => Interlocked.Read(ref _resent);

    private long _resent;

    public void Resend() => Interlocked.Increment(ref _resent);

    private long _refused;
    private readonly Lock _lock = new();

    public void Refuse(TimeSpan at)
    {
        Interlocked.Increment(ref _refused);
        lock (_lock)
        {
            FirstRefusal ??= at;
        }
    }
}
