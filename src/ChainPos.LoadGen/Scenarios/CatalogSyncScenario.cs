using System.Diagnostics;
using ChainPos.Api.V1;
using ChainPos.LoadGen.ChainDay;
using ChainPos.LoadGen.Metrics;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>
/// <c>chainpos-load catalog-sync</c>: makes sure the catalogue holds a <c>--sync-skus</c> (default 100,000) SKU
/// data set (UpsertProducts in pages of 5,000, idempotent, with a progress bar), then times a full
/// SyncCatalog from an empty cursor as a new store agent would, with a store's credential, pages of
/// <c>--page-size</c> (default 5,000). Reports seconds and SKUs/s (target: 100k SKUs in ≤ 5 s).
/// </summary>
internal static class CatalogSyncScenario
{
    public static async Task<int> RunAsync(Options options)
    {
        var credentials = DemoCredentialsFile.Load(options.CredentialsFile);
        var admin = DemoCredentialsFile.Channel(options.Target, credentials.Admin);
        var plan = new ChainDayPlan(Stores: 1, Registers: 1, Skus: options.Int("sync-skus", 100_000), Customers: 0, GiftCards: 0, InitialStock: 0, Seed: 1, Tag: "SYNC");
        await new ChainPosSeeder(admin).UpsertCatalogAsync(plan, plan.Skus, 1, "catalogue");

        var store = credentials.Stores.OrderBy(s => s.Key, StringComparer.Ordinal).First();
        var agent = new CatalogService.CatalogServiceClient(DemoCredentialsFile.Channel(options.Target, store.Value));
        var pageSize = options.Int("page-size", 5000);
        var runs = new List<RunSummary>();
        var extra = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var round = 1; round <= options.Int("rounds", 3); round++)
        {
            var metrics = new RunMetrics($"sync-{round}", "SyncCatalog");
            var clock = Stopwatch.StartNew();
            metrics.Start();
            var cursor = "";
            long products = 0;
            var pages = 0;
            bool more;
            do
            {
                var page = await metrics.TimeAsync("SyncCatalog", () => agent.SyncCatalogAsync(new SyncCatalogRequest { Cursor = cursor, PageSize = pageSize }).ResponseAsync);
                products += page.Products.Count;
                pages++;
                cursor = page.NextCursor;
                more = page.HasMore;
            }
            while (more);
            metrics.Stop();
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  round {round}: {products} products in {pages} pages, {seconds:F2} s = {products / seconds:F0} SKUs/s (as store {store.Key}, page size {pageSize})");
            extra[$"round{round}.seconds"] = seconds;
            extra[$"round{round}.products"] = products;
            extra[$"round{round}.skusPerSecond"] = products / seconds;
            runs.Add(RunSummary.From(metrics));
        }

        var best = runs.Count == 0 ? 0 : Enumerable.Range(1, runs.Count).Min(r => extra[$"round{r}.seconds"]);
        extra["bestSeconds"] = best;
        return await new ScenarioReport("catalog-sync", DateTimeOffset.UtcNow, new { plan.Skus, pageSize, store = store.Key }, runs, null,
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), extra).FinishAsync(options.Out);
    }
}
