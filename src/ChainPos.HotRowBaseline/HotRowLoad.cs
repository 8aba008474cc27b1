using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ChainPos.HotRowBaseline;

/// <summary>
/// How a chain without grains would take web reservations: one central PostgreSQL database, each reservation one
/// transaction — record the reservation id (idempotent: a replayed id changes nothing) and
/// <c>UPDATE stock SET reserved = reserved + n WHERE sku = … AND on_hand - reserved - safety &gt;= n</c> (zero oversell
/// under the row lock), committed durably (default <c>synchronous_commit</c>). <c>--skus 1</c> is the flash sale on one
/// hot row; more SKUs spread the callers. Tables live in their own schema <c>baseline_hot</c>.
/// </summary>
internal static class HotRowLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var connectionString = Get("pg", "");
        if (connectionString.Length == 0)
        {
            Console.Error.WriteLine("usage: chainpos-hotrow --pg \"<Npgsql connection string>\" [--seconds 10] [--concurrency 32] [--skus 1]");
            return 2;
        }

        var seconds = int.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Get("concurrency", "32"), CultureInfo.InvariantCulture);
        var skus = int.Parse(Get("skus", "1"), CultureInfo.InvariantCulture);
        await using var db = NpgsqlDataSource.Create(connectionString + ";No Reset On Close=true;Max Auto Prepare=20");
        await SetUpAsync(db, skus);

        Console.WriteLine($"Hot-row baseline (one PostgreSQL transaction per reservation): {concurrency} callers, {skus} SKU(s), {seconds} s");
        var latencies = new List<double>[concurrency];
        var denied = 0L;
        var errors = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(caller => Task.Run(async () =>
        {
            var mine = latencies[caller] = new List<double>(1 << 14);
            var random = new Random(caller);
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (!await ReserveAsync(db, Guid.NewGuid().ToString("N"), Sku(random.Next(skus)), 1))
                    {
                        Interlocked.Increment(ref denied);
                    }

                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (NpgsqlException e)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        Console.Error.WriteLine($"first error: {e.Message}");
                    }
                }
            }
        })));

        var all = latencies.SelectMany(l => l).Order().ToList();
        var elapsed = clock.Elapsed.TotalSeconds;
        double At(double q) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(q * all.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{all.Count} reservations in {elapsed:F1} s = {all.Count / elapsed:F0}/s; p50 {At(0.5):F1} ms, p99 {At(0.99):F1} ms, max {(all.Count == 0 ? 0 : all[^1]):F1} ms; {denied} denied, {errors} errors"));
        return errors == 0 ? 0 : 1;
    }

    private static string Sku(int i) => $"SKU-{i + 1:00000}";

    /// <summary>One reservation, one transaction: insert the id and take the units under the row lock, or change nothing.</summary>
    private static async Task<bool> ReserveAsync(NpgsqlDataSource db, string reservationId, string sku, int quantity)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("INSERT INTO baseline_hot.reservation(id, sku, quantity, expires_at) VALUES ($1, $2, $3, now() + interval '10 minutes') ON CONFLICT (id) DO NOTHING")
                {
                    Parameters = { new() { Value = reservationId }, new() { Value = sku }, new() { Value = quantity } },
                },
                new NpgsqlBatchCommand("UPDATE baseline_hot.stock SET reserved = reserved + $2 WHERE sku = $1 AND on_hand - reserved - safety >= $2")
                {
                    Parameters = { new() { Value = sku }, new() { Value = quantity } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
        if (batch.BatchCommands[0].RecordsAffected == 0 || batch.BatchCommands[1].RecordsAffected == 0)
        {
            // A replayed id, or not enough available: nothing changes.
            await tx.RollbackAsync();
            return false;
        }

        await tx.CommitAsync();
        return true;
    }

    private static async Task SetUpAsync(NpgsqlDataSource db, int skus)
    {
        await using var command = db.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS baseline_hot;
            DROP TABLE IF EXISTS baseline_hot.reservation, baseline_hot.stock;
            CREATE TABLE baseline_hot.stock (sku text PRIMARY KEY, on_hand bigint NOT NULL, reserved bigint NOT NULL, safety bigint NOT NULL);
            CREATE TABLE baseline_hot.reservation (id text PRIMARY KEY, sku text NOT NULL, quantity bigint NOT NULL, expires_at timestamptz NOT NULL);
            INSERT INTO baseline_hot.stock SELECT 'SKU-' || lpad(i::text, 5, '0'), 10000000, 0, 0 FROM generate_series(1, {skus}) i;
            """);
        await command.ExecuteNonQueryAsync();
    }
}
