namespace ChainPos.ServiceDefaults;

/// <summary>Section <c>ChainPos:Telemetry</c>. The standard <c>OTEL_*</c> variables work as well.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "ChainPos:Telemetry";

    /// <summary>OTLP collector to export traces, metrics and logs to (e.g. <c>http://otel-collector:4317</c>); none by default.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317, default) or <c>HttpProtobuf</c> (port 4318) for <see cref="OtlpEndpoint"/>.</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>
    /// Share of traces started here that are recorded (0..1). A call that arrives with a trace context (a store
    /// agent's) follows its caller's decision instead, so an agent's sampled call is traced end to end. Every call
    /// traced through every grain call and SQL command costs a chain-day node a measurable share of its CPU
    /// (docs/benchmarks.md); 1 records everything.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.1;

    /// <summary>The <c>service.name</c> resource attribute; <c>OTEL_SERVICE_NAME</c> wins if set.</summary>
    public string ServiceName { get; set; } = "chainpos";
}
