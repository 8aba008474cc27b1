using System.Diagnostics;

namespace ChainPos.Grains.Hosting;

/// <summary>
/// ChainPos' own activity source (name <c>ChainPos</c>): the traces that start inside the silo rather than at a gRPC
/// call, such as a register's delivery of its sales' effects. Sampled at the root like every trace started on the node
/// (<c>ChainPos:Telemetry:TraceSampleRatio</c>); the grain calls under a sampled one are traced by
/// <see cref="SampledCallTracing"/>.
/// </summary>
public static class ChainPosTracing
{
    /// <summary>The activity source name: the business meter's (one name to subscribe to, <c>TelemetryNames.ChainPos</c>).</summary>
    public const string SourceName = ChainPosMetrics.MeterName;

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Name of the root span around one delivery batch of a register's outbox.</summary>
    public const string DeliverEffects = "deliver sale effects";
}
