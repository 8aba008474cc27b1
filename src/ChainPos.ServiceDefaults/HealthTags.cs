namespace ChainPos.ServiceDefaults;

/// <summary>Tags that sort health checks into liveness (<c>/healthz</c>) and readiness (<c>/readyz</c>).</summary>
public static class HealthTags
{
    /// <summary>The process is up and not wedged; failing it gets the process restarted.</summary>
    public const string Live = "live";

    /// <summary>The process can serve (silo active, cluster client connected); failing it takes it out of the load balancer.</summary>
    public const string Ready = "ready";
}
