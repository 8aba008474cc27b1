using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChainPos.ServiceDefaults;

/// <summary>Traces, metrics and logs through OpenTelemetry; exported by OTLP when configured and scraped by Prometheus.</summary>
internal static class OpenTelemetrySetup
{
    public static void AddChainPosOpenTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.TraceSampleRatio is < 0 or > 1 or double.NaN)
        {
            throw new InvalidOperationException($"{TelemetryOptions.Section}:TraceSampleRatio must be between 0 and 1 (got {options.TraceSampleRatio}).");
        }

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } fromEnvironment ? fromEnvironment : options.ServiceName;
        ConfigureLogging(builder);

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing => (string.IsNullOrEmpty(builder.Configuration["OTEL_TRACES_SAMPLER"])
                    ? tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                    : tracing) // the standard variables choose the sampler
                .AddSource(TelemetryNames.ChainPos, TelemetryNames.OrleansSources, TelemetryNames.Npgsql)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !OpsEndpoints.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryNames.ChainPos, TelemetryNames.OrleansMeter, TelemetryNames.Npgsql)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Collected on each scrape; no cached answer, so a scrape right after a sale shows it.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        if (options.OtlpEndpoint is { } endpoint)
        {
            var protocol = Enum.TryParse<OtlpExportProtocol>(options.OtlpProtocol, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{TelemetryOptions.Section}:OtlpProtocol must be Grpc or HttpProtobuf (got '{options.OtlpProtocol}').");
            otel.UseOtlpExporter(protocol, endpoint);
        }
        else if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // The standard variables (endpoint, protocol, headers) configure it.
            otel.UseOtlpExporter();
        }
    }

    /// <summary>
    /// Every log record carries the trace and span id of the call it was written in: in the OpenTelemetry
    /// log records (OTLP), and as a scope in the console output, which is JSON unless
    /// <c>Logging:Console:FormatterName</c> chooses another formatter.
    /// </summary>
    private static void ConfigureLogging(IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });
        if (string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
    }
}
