using System.Diagnostics.Metrics;
using ChainPos.StoreAgent.Hosting;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Offline;

/// <summary>
/// The agent's gauges on the "ChainPos" meter: the offline backlog (size and age), rejected sales and the link. Every
/// observation carries <c>store</c> and <c>register</c> (the agent's configured StoreId and RegisterId), so the metrics of
/// many agents pushed by OTLP to one collector stay apart.
/// </summary>
internal sealed class AgentMetrics : IDisposable
{
    public const string MeterName = "ChainPos";
    private readonly Meter _meter;

    public AgentMetrics(IMeterFactory meters, SaleJournal journal, LinkState link, TimeProvider time, IOptions<AgentOptions> options)
    {
        _meter = meters.Create(MeterName);
        KeyValuePair<string, object?>[] where = [new("store", options.Value.StoreId), new("register", options.Value.RegisterId)];
        _meter.CreateObservableGauge("chainpos.agent.backlog.sales", () => new Measurement<long>(journal.Backlog().Count, where), "{sale}", "Sales taken on this register and not yet acknowledged by the platform.");
        _meter.CreateObservableGauge("chainpos.agent.backlog.age",
            () => new Measurement<double>(journal.Backlog().Oldest is { } oldest ? (time.GetUtcNow() - oldest).TotalSeconds : 0, where), "s", "Age of the oldest sale not yet acknowledged by the platform.");
        _meter.CreateObservableGauge("chainpos.agent.rejected.sales", () => new Measurement<long>(journal.Backlog().Rejected, where), "{sale}", "Offline sales the platform refused at sync (they need head office).");
        _meter.CreateObservableGauge("chainpos.agent.online", () => new Measurement<int>(link.Online ? 1 : 0, where), null, "1 while the platform is reachable.");
    }

    public void Dispose() => _meter.Dispose();
}
