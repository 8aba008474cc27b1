namespace ChainPos.LoadGen;

/// <summary>Argument parsing and the verbs.</summary>
internal static class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.FirstOrDefault() ?? "help";
        var options = Options.Parse(args.Skip(1).ToArray());
        try
        {
            return verb switch
            {
                "sale" => await DemoSale.RunAsync(options),
                "checkout" => await CheckoutLoad.RunAsync(options),
                "baseline" => await BaselineLoad.RunAsync(options),
                "reserve" => await ReserveLoad.RunAsync(options),
                "chainday" => await Scenarios.ChainDayScenario.RunAsync(options),
                "flash" => await Scenarios.FlashScenario.RunAsync(options),
                "floor" => await Scenarios.FloorScenario.RunAsync(options),
                "catalog-sync" => await Scenarios.CatalogSyncScenario.RunAsync(options),
                "plot" => await Scenarios.LatencyPlot.RunAsync([.. args.Skip(1)]),
                "plot-sweep" => await Scenarios.SweepPlot.RunAsync([.. args.Skip(1)]),
                _ => Help(),
            };
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (Grpc.Core.RpcException e)
        {
            Console.Error.WriteLine($"The gateway said {e.StatusCode}: {e.Status.Detail}");
            Console.Error.WriteLine(e.StatusCode == Grpc.Core.StatusCode.Unavailable
                ? $"Is the demo running? Start it with: dotnet run --project src/ChainPos.Silo -- --demo (target {options.Target})"
                : "See docs/architecture.md for what each status means.");
            return 2;
        }
    }

    private static int Help()
    {
        Console.WriteLine("""
            chainpos-load sale          rings one demo sale at store S001 and prints the receipt
            chainpos-load checkout      drives checkouts through the gateway and reports sales/s and latency
            chainpos-load baseline      the same sales as one PostgreSQL transaction each (--pg "<connection string>")
            chainpos-load reserve       web-shop reservations at S001, one unit each (--hot: all on one SKU)

            benchmark scenarios (docs/benchmarks.md); with --pg each also runs the central-database baseline:
            chainpos-load chainday      seeds N stores x R registers, K SKUs, loyalty accounts, gift cards (idempotent),
                                        drives the chain-day mix, checks the invariants, prints ChainPos / baseline
                                        --stores 10 --registers 4 --skus 2000 --customers 500 --giftcards 500
                                        --initial-stock 1000000 --web-share 0.05 --commit-share 0.7 --zipf 1.0
                                        --seed 42 --duplicate-share 0 (resend that share of calls, first answer lost)
                                        --warmup 0 (seconds of the same mix before the measured run, for each system)
            chainpos-load flash         one SKU with finite stock (--flash-stock 20000), web reservations + tills
                                        (--till-every 8); grants/s until sold out, zero oversell
            chainpos-load floor         empty gRPC call (Echo) vs gRPC -> in-memory grain (EchoGrain)
            chainpos-load catalog-sync  seeds --sync-skus 100000, times a full SyncCatalog (--page-size 5000, --rounds 3)
            chainpos-load plot DIR IMG  latency percentile PNGs of the JSON results in DIR into IMG (gnuplot)
            chainpos-load plot-sweep DIR IMG  table and PNG of latency against sales/s by callers (sweep.sh's results)
            --baseline-only             skip ChainPos (chainday, flash)

            options: --target http://127.0.0.1:5080  --credentials src/ChainPos.Silo/data/demo-credentials.json
                     --seconds 15  --concurrency 32  --registers 32  --out result.json  --pg "Host=...;Database=..."
            environment: CHAINPOS_LOAD_PHASE_FILE=path appends "start|stop <system> <unix ms>" lines around each measured
                         phase (chainday, flash), so CPU samplers and profilers can cover exactly that window
            exit codes: 0 ok, 1 errors (old verbs), 2 cannot reach the node / bad input, 3 an invariant or check failed
            """);
        return 1;
    }
}

internal sealed record Options(Uri Target, string CredentialsFile, int Seconds, int Concurrency, int Registers, string? Out, string? Postgres, bool Hot = false)
{
    private string[] _args = [];

    /// <summary>An integer option, or <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>A number option, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string name, double fallback) => Value(name) is { } v ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>A flag's presence.</summary>
    public bool Flag(string name) => _args.Contains("--" + name);

    /// <summary>An option's text, or null when absent.</summary>
    public string? Value(string name)
    {
        var i = Array.IndexOf(_args, "--" + name);
        return i >= 0 && i + 1 < _args.Length ? _args[i + 1] : null;
    }

    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Options(
            new Uri(Get("target", "http://127.0.0.1:5080")),
            Get("credentials", DefaultCredentials()),
            int.Parse(Get("seconds", "15"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("concurrency", "32"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("registers", "32"), System.Globalization.CultureInfo.InvariantCulture),
            args.Contains("--out") ? Get("out", "") : null,
            args.Contains("--pg") ? Get("pg", "") : null,
            args.Contains("--hot")) { _args = args };
    }

    /// <summary>The demo node's credentials file, found from the working directory or the binary's folder upwards.</summary>
    private static string DefaultCredentials()
    {
        var relative = Path.Combine("src", "ChainPos.Silo", "data", "demo-credentials.json");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return relative;
    }
}
