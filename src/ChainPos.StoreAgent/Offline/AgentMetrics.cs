using System.Diagnostics.Metrics;

namespace ChainPos.StoreAgent.Offline;

/// <summary>The agent's gauges on the "ChainPos" meter: the offline backlog (size and age), rejected sales and the link.</summary>
internal sealed class AgentMetrics : IDisposable
{
    public const string MeterName = "ChainPos";
    private readonly Meter _meter;

    public AgentMetrics(IMeterFactory meters, SaleJournal journal, LinkState link, TimeProvider time)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("chainpos.agent.backlog.sales", () => journal.Backlog().Count, "{sale}", "Sales taken on this register and not yet acknowledged by the platform.");
        _meter.CreateObservableGauge("chainpos.agent.backlog.age", () => journal.Backlog().Oldest is { } oldest ? (time.GetUtcNow() - oldest).TotalSeconds : 0, "s", "Age of the oldest sale not yet acknowledged by the platform.");
        _meter.CreateObservableGauge("chainpos.agent.rejected.sales", () => journal.Backlog().Rejected, "{sale}", "Offline sales the platform refused at sync (they need head office).");
        _meter.CreateObservableGauge("chainpos.agent.online", () => link.Online ? 1 : 0, null, "1 while the platform is reachable.");
    }

    public void Dispose() => _meter.Dispose();
}
