using System.Globalization;
using ChainPos.Storage;
using ChainPos.Storage.Benchmarks;
using ChainPos.TestSupport;

// chainpos-storage-bench [--writers 16,64,256] [--seconds 5] [--runs 3] [--db postgres,sqlite] [--providers ado,gc,gc4]
// Providers: ado = the Orleans ADO.NET provider; gc = group commit with the default pipeline depth; gcN = group commit
// with N concurrent batches (PostgreSQL only; SQLite always commits one batch at a time).
// Each run, database and provider gets a fresh database (PostgreSQL: a throwaway server started here, fsync on;
// SQLite: a temp file, synchronous=FULL) and a silo host wired by UseChainPosPersistence.
var writers = Arg("--writers", "16,64,256").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var seconds = int.Parse(Arg("--seconds", "5"), CultureInfo.InvariantCulture);
var runs = int.Parse(Arg("--runs", "3"), CultureInfo.InvariantCulture);
var databases = Arg("--db", "postgres,sqlite").Split(',');
var providers = Arg("--providers", "ado,gc").Split(',');

await using var pg = databases.Contains("postgres") ? await PostgresServer.StartAsync() : null;
var results = new List<(string Db, string Provider, int Writers, int Run, WriteResult Result)>();
for (var run = 1; run <= runs; run++)
{
    foreach (var db in databases)
    {
        foreach (var provider in providers)
        {
            using var temp = new TempDirectory();
            var options = await CreateOptionsAsync(db, provider, temp, $"{db}_{provider}_{run}");
            await using var host = await StorageHost.StartAsync(options);
            foreach (var (n, step) in writers.Select((n, step) => (n, step)))
            {
                var result = await WriteLoad.RunAsync(host.Storage, $"s{step}-n{n}", n, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds));
                results.Add((db, provider, n, run, result));
                Console.WriteLine(FormattableString.Invariant(
                    $"run {run} {db,-8} {provider,-3} writers {n,4}: {result.WritesPerSecond,8:F0} writes/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms"));
            }
        }
    }
}

Console.WriteLine();
Console.WriteLine("| database | writers | provider | writes/s per run | median writes/s | median p50 ms | median p99 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var group in results.GroupBy(r => (r.Db, r.Writers, r.Provider)))
{
    var perRun = string.Join(" / ", group.Select(r => r.Result.WritesPerSecond.ToString("F0", CultureInfo.InvariantCulture)));
    Console.WriteLine(FormattableString.Invariant(
        $"| {group.Key.Db} | {group.Key.Writers} | {group.Key.Provider} | {perRun} | {Median(group.Select(r => r.Result.WritesPerSecond)):F0} | {Median(group.Select(r => r.Result.P50Ms)):F2} | {Median(group.Select(r => r.Result.P99Ms)):F2} |"));
}

return;

async Task<ChainPosStorageOptions> CreateOptionsAsync(string db, string provider, TempDirectory temp, string name)
{
    var groupCommit = provider.StartsWith("gc", StringComparison.Ordinal);
    var batches = groupCommit && provider.Length > 2 ? int.Parse(provider[2..], CultureInfo.InvariantCulture) : new ChainPosStorageOptions().GroupCommitMaxConcurrentBatches;
    if (db == "postgres")
    {
        var connectionString = await pg!.CreateDatabaseAsync(name);
        await SchemaMigrator.ApplyPostgresAsync(connectionString);
        return new ChainPosStorageOptions
        {
            Provider = StorageProvider.Postgres,
            PostgresConnectionString = connectionString + ";Maximum Pool Size=100",
            GroupCommit = groupCommit,
            GroupCommitMaxConcurrentBatches = batches,
        };
    }

    var path = temp.File("bench.db");
    await SchemaMigrator.ApplySqliteAsync(path);
    return new ChainPosStorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = path, GroupCommit = groupCommit };
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
