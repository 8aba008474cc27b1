using System.Diagnostics;
using static ChainPos.Observability.Tests.Chain;

namespace ChainPos.Observability.Tests;

/// <summary>A real Prometheus server scrapes the app and answers a PromQL query about a sale.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class PrometheusServerTests(ObservabilityFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Prometheus_ScrapingTheApp_QueriesTheSaleJustRung()
    {
        const string store = "OBS-PROM";
        await using var prometheus = await PrometheusServer.StartAsync(fixture.HttpAddress);
        await fixture.OpenShiftAsync(store);
        var receipt = await fixture.Admin.Checkout.CompleteSaleAsync(Sale(store, "prom-1", [Line("MUG", 3)], [Cash(3000)]));
        Assert.Equal(2697L, receipt.Total);

        var sales = await QueryUntilAsync(prometheus, $"chainpos_sales_total{{chainpos_store_id=\"{store}\"}}", 1);
        var revenue = await prometheus.QueryAsync($"chainpos_sale_revenue_total{{chainpos_store_id=\"{store}\",chainpos_currency=\"EUR\"}}");
        var items = await prometheus.QueryAsync($"chainpos_sale_items_total{{chainpos_store_id=\"{store}\"}}");
        var up = await prometheus.QueryAsync("up{job=\"chainpos\"}");

        Assert.Equal((1d, 2697d, 3d, 1d), (sales, revenue, items, up));
    }

    /// <summary>Polls the query until it returns <paramref name="expected"/> (the next scrapes pick the sale up) or the deadline passes.</summary>
    private static async Task<double?> QueryUntilAsync(PrometheusServer prometheus, string promQl, double expected)
    {
        var clock = Stopwatch.StartNew();
        double? value;
        do
        {
            value = await prometheus.QueryAsync(promQl);
            if (value == expected)
            {
                return value;
            }

            await Task.Delay(200);
        }
        while (clock.Elapsed < Deadline);

        Assert.Fail($"Prometheus answered {value?.ToString() ?? "nothing"} for {promQl} after {Deadline.TotalSeconds} s, not {expected}. Prometheus log:{Environment.NewLine}{prometheus.Log}");
        return value;
    }
}
