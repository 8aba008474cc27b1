using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChainPos.Silo;
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

    private static Dictionary<string, string?> Defaults() => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["ChainPos:Role"] = "AllInOne",
        ["ChainPos:Storage:Provider"] = "Memory",
        ["ChainPos:SiloPort"] = FreePort(),
        ["ChainPos:GatewayPort"] = FreePort(),
        ["ChainPos:GrpcPort"] = "0",
        ["ChainPos:HttpPort"] = "0",
        ["ChainPos:Demo:Seed"] = "false",
        ["ChainPos:Auth:Credentials:0:Name"] = "admin",
        ["ChainPos:Auth:Credentials:0:Secret"] = Chain.AdminSecret,
        ["ChainPos:Auth:Credentials:0:Role"] = "Admin",
    };

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
