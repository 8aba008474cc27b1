using System.Diagnostics;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace ChainPos.Observability.Tests;

/// <summary>Builds the real all-in-one app on free ports, with in-memory exporters added to its OpenTelemetry set-up.</summary>
internal static class TestApp
{
    public static WebApplication Build(ExportedCollection<Activity> spans, ExportedCollection<LogRecord>? logs, Dictionary<string, string?> settings)
    {
        return ChainPosApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Defaults().Concat(settings).GroupBy(kv => kv.Key).Select(g => g.Last()));
            builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            if (logs is not null)
            {
                builder.Services.ConfigureOpenTelemetryLoggerProvider(l => l.AddInMemoryExporter(logs));
            }
        });
    }

    private static NodeSettings Defaults() => NodeSettings.AllInOne().WithCredential("admin", Chain.AdminSecret, "Admin");
}
