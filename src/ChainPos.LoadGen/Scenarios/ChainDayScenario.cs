using ChainPos.LoadGen.ChainDay;
using Npgsql;

namespace ChainPos.LoadGen.Scenarios;

/// <summary>
/// <c>chainpos-load chainday</c>: seeds (idempotently) and drives the chain-day mix against ChainPos, then,
/// with <c>--pg</c>, the same mix against the central-database baseline; prints the ratio and checks invariants.
/// </summary>
internal static class ChainDayScenario
{
    public static ChainDayPlan PlanFrom(Options o) => new(
        Stores: o.Int("stores", 10), Registers: o.Int("registers", 4), Skus: o.Int("skus", 2000), Customers: o.Int("customers", 500),
        GiftCards: o.Int("giftcards", 500), InitialStock: o.Int("initial-stock", 1_000_000), Seed: o.Int("seed", 42),
        WebShare: o.Number("web-share", 0.05), CommitShare: o.Number("commit-share", 0.7), ZipfExponent: o.Number("zipf", 1.0),
        DuplicateShare: o.Number("duplicate-share", 0));

    public static async Task<int> RunAsync(Options options)
    {
        var plan = PlanFrom(options);
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var runId = DateTime.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"chain-day: {plan.Stores} stores x {plan.Registers} registers, {plan.Skus} SKUs (Zipf {plan.ZipfExponent}), {plan.Customers} loyalty accounts, " +
            $"{plan.GiftCards} gift cards, web share {plan.WebShare:P0}, {options.Concurrency} callers, {options.Seconds} s, seed {plan.Seed}");
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

        var runs = new List<Metrics.RunSummary>();
        var broken = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var system in systems)
        {
            await using (system)
            {
                Console.WriteLine($"[{system.Name}] seeding");
                await system.SeedAsync(plan);
                var warmUp = new List<string>();
                if (options.Int("warmup", 0) is var warmUpSeconds and > 0)
                {
                    // The same mix, unmeasured (its own ids and shifts), so each system is measured in its steady state:
                    // ChainPos with its code compiled and grains active, the baseline with its caches and prepared statements filled.
                    Console.WriteLine($"[{system.Name}] warm-up: {warmUpSeconds} s of the same mix, not measured (its invariants are checked too)");
                    var warm = await new ChainDayDriver(system, plan, options.Concurrency, TimeSpan.FromSeconds(warmUpSeconds), runId + "w",
                        markPhases: false).RunAsync();
                    warmUp.AddRange(warm.Broken.Select(b => "warm-up: " + b));
                }

                var outcome = await new ChainDayDriver(system, plan, options.Concurrency, duration, runId).RunAsync();
                runs.Add(outcome.Summary);
                broken[system.Name] = [.. warmUp, .. outcome.Broken];
            }
        }

        double? ratio = runs.Count == 2 && runs[1].HeadlinePerSecond > 0 ? runs[0].HeadlinePerSecond / runs[1].HeadlinePerSecond : null;
        return await new ScenarioReport("chainday", DateTimeOffset.UtcNow, new { plan, options.Concurrency, options.Seconds }, runs, ratio, broken).FinishAsync(options.Out);
    }
}
