namespace ChainPos.ServiceDefaults;

/// <summary>The activity sources and meters ChainPos subscribes to.</summary>
public static class TelemetryNames
{
    /// <summary>Our business meter (ChainPos.Grains' <c>ChainPosMetrics.MeterName</c>) and our own activity source.</summary>
    public const string ChainPos = "ChainPos";

    /// <summary>Every Orleans activity source: grain calls (application, runtime), lifecycle, storage (ORLEANS-10-NOTES §3).</summary>
    public const string OrleansSources = "Microsoft.Orleans.*";

    /// <summary>The Orleans meter (requests, activations, storage, reminders, messaging, gateway).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Npgsql's own activity source and meter: what the Npgsql.OpenTelemetry package's <c>AddNpgsql()</c> subscribes to.</summary>
    public const string Npgsql = "Npgsql";
}
