using ChainPos.LoadGen.ChainDay;
using ChainPos.LoadGen.Metrics;
using Npgsql;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>
/// <c>chainpos-load flash</c>: one SKU with finite stock (<c>--flash-stock</c>, default 20,000) at one store, a
/// fresh one each run; most callers reserve one unit each through the web shop, every 8th sells it at a till.
/// Reports granted reservations per second until it sold out, and checks that no unit was granted twice.
/// With <c>--pg</c> the baseline does the same against one hot stock row.
/// </summary>
internal static class FlashScenario
{
    public static async Task<int> RunAsync(Options options)
    {
        var runId = DateTime.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var plan = new ChainDayPlan(Stores: 1, Registers: 4, Skus: 1, Customers: 0, GiftCards: 0, InitialStock: options.Int("flash-stock", 20_000), Seed: 1, Tag: "F" + runId);
        var tillEvery = options.Int("till-every", 8);
        Console.WriteLine($"flash sale: {plan.InitialStock} units of {plan.Sku(1)} at {plan.Store(1)}, {options.Concurrency} callers (every {tillEvery}th a till), {options.Seconds} s");
        var systems = new List<IChainDaySystem>();
        if (!options.Flag("baseline-only"))
        {
            var credentials = DemoCredentialsFile.Load(options.CredentialsFile);
            systems.Add(new ChainPosSystem(DemoCredentialsFile.Channel(options.Target, credentials.Admin), DemoCredentialsFile.Channel(options.Target, credentials.Commerce)));
        }

        if (options.Postgres is { } pg)
        {
            systems.Add(new BaselineSystem(NpgsqlDataSource.Create(pg + ";No Reset On Close=true;Max Auto Prepare=20")));
        }

        var runs = new List<RunSummary>();
        var broken = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var extra = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var system in systems)
        {
            await using (system)
            {
                await system.SeedAsync(plan);
                var driver = new ChainDayDriver(system, plan, options.Concurrency, TimeSpan.FromSeconds(options.Seconds), runId,
                    caller => new FlashMix(plan, caller, runId, tillEvery), headline: "ReserveStock");
                var outcome = await driver.RunAsync();
                var reserve = outcome.Summary.Methods.FirstOrDefault(m => m.Method == "ReserveStock");
                var granted = outcome.Ledger.Granted.Values.Sum();
                var window = reserve?.FirstRefusalSeconds ?? outcome.Summary.Seconds;
                extra[$"{system.Name}.granted"] = granted;
                extra[$"{system.Name}.refused"] = reserve?.Refused ?? 0;
                extra[$"{system.Name}.soldOutAfterSeconds"] = reserve?.FirstRefusalSeconds ?? -1;
                extra[$"{system.Name}.grantsPerSecondUntilSoldOut"] = window > 0 ? granted / window : 0;
                Console.WriteLine($"[{system.Name}] granted {granted} of {plan.InitialStock} units; " +
                    (reserve?.FirstRefusalSeconds is { } s ? $"sold out after {s:F1} s; " : "not sold out; ") + $"{extra[$"{system.Name}.grantsPerSecondUntilSoldOut"]:F0} grants/s until then");
                runs.Add(outcome.Summary);
                broken[system.Name] = outcome.Broken;
            }
        }

        var chainpos = extra.GetValueOrDefault("chainpos.grantsPerSecondUntilSoldOut");
        var baseline = extra.GetValueOrDefault("baseline.grantsPerSecondUntilSoldOut");
        double? ratio = extra.ContainsKey("chainpos.grantsPerSecondUntilSoldOut") && baseline > 0 ? chainpos / baseline : null;
        return await new ScenarioReport("flash", DateTimeOffset.UtcNow, new { plan, options.Concurrency, options.Seconds, tillEvery }, runs, ratio, broken, extra,
            RatioOf: $"chainpos {chainpos:F0} vs baseline {baseline:F0} granted reservations/s until sold out").FinishAsync(options.Out);
    }
}
