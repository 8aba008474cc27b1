using System.Diagnostics;
using Npgsql;

namespace ChainPos.LoadGen;

/// <summary>
/// The peer baseline: the design a chain would otherwise use — one central PostgreSQL database, each
/// sale one transaction. Same <see cref="SaleMix"/>, same callers and registers, same durability
/// (default synchronous_commit). Done well: prices read in the transaction, the receipt number from a
/// row lock on the register (gap-free), sale + lines + stock in one batched round trip, idempotent by
/// sale id. Tables live in their own schema <c>baseline</c>.
/// </summary>
internal static class BaselineLoad
{
    public static async Task<int> RunAsync(Options options)
    {
        var connectionString = options.Postgres ?? throw new ArgumentException("Pass --pg \"<Npgsql connection string>\" for the baseline.");
        await using var dataSource = NpgsqlDataSource.Create(connectionString + ";No Reset On Close=true;Max Auto Prepare=20");
        await SetUpAsync(dataSource, options.Registers);
        Console.WriteLine($"Baseline load (one PostgreSQL transaction per sale): {options.Concurrency} callers, {options.Registers} registers, {options.Seconds} s");
        var results = new Results();
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => results.PrintProgress(clock.Elapsed), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(i => CallerAsync(dataSource, $"R{(i % options.Registers) + 1}", options.Seconds, clock, results)));
        var summary = results.Summarize(clock.Elapsed, options with { Target = new Uri("postgresql://baseline") });
        Console.WriteLine();
        Console.WriteLine(summary.ToText());
        await ResultFile.WriteAsync(summary, options.Out);
        return summary.Errors.Count == 0 ? 0 : 1;
    }

    private static async Task CallerAsync(NpgsqlDataSource db, string register, int seconds, Stopwatch clock, Results results)
    {
        var mix = new SaleMix(register.GetHashCode(StringComparison.Ordinal) ^ Environment.TickCount);
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            // Lines in SKU order: every transaction locks stock rows in the same order, as a production
            // implementation would, so concurrent sales do not deadlock on each other.
            var lines = mix.NextLines().OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
            var saleId = Guid.NewGuid().ToString("N");
            var started = Stopwatch.GetTimestamp();
            try
            {
                await SellWithRetryAsync(db, register, saleId, lines);
                results.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (NpgsqlException e)
            {
                results.Fail(Grpc.Core.StatusCode.Internal, e.Message);
            }
        }
    }

    /// <summary>Retries a transaction the server aborted to resolve a deadlock or serialization conflict (it changed nothing).</summary>
    private static async Task SellWithRetryAsync(NpgsqlDataSource db, string register, string saleId, IReadOnlyList<(string Sku, int Quantity)> lines)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SellAsync(db, register, saleId, lines);
                return;
            }
            catch (PostgresException e) when (attempt < 3 && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Aborted as a whole: safe to run again with the same sale id.
            }
        }
    }

    /// <summary>One sale, one transaction, two round trips: read prices and lock the register's counter, then write.</summary>
    private static async Task SellAsync(NpgsqlDataSource db, string register, string saleId, IReadOnlyList<(string Sku, int Quantity)> lines)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var skus = lines.Select(l => l.Sku).ToArray();
        var prices = new Dictionary<string, (long Price, int TaxBp)>(lines.Count);
        long sequence;
        await using (var read = new NpgsqlBatch(connection, tx))
        {
            read.BatchCommands.Add(Command("SELECT sku, price, tax_bp FROM baseline.product WHERE sku = ANY($1)", (object)skus));
            read.BatchCommands.Add(Command("UPDATE baseline.register SET last_seq = last_seq + 1 WHERE store_id = 'BASE' AND register_id = $1 RETURNING last_seq", register));
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                prices[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2));
            }

            await reader.NextResultAsync();
            await reader.ReadAsync();
            sequence = reader.GetInt64(0);
        }

        var nets = lines.Select(l => prices[l.Sku].Price * l.Quantity).ToArray();
        var total = nets.Sum();
        var tax = lines.Select((l, i) => nets[i] - (long)Math.Round(nets[i] * 10_000m / (10_000 + prices[l.Sku].TaxBp), MidpointRounding.AwayFromZero)).Sum();
        await using (var write = new NpgsqlBatch(connection, tx))
        {
            write.BatchCommands.Add(Command(
                "INSERT INTO baseline.sale(sale_id, store_id, register_id, seq, total, tax) VALUES ($1, 'BASE', $2, $3, $4, $5) ON CONFLICT (sale_id) DO NOTHING",
                saleId, register, sequence, total, tax));
            write.BatchCommands.Add(Command(
                "INSERT INTO baseline.sale_line(sale_id, line_no, sku, qty, net) SELECT $1, n, s, q, v FROM unnest($2::text[], $3::int[], $4::bigint[]) WITH ORDINALITY AS t(s, q, v, n)",
                saleId, skus, lines.Select(l => l.Quantity).ToArray(), nets));
            write.BatchCommands.Add(Command(
                "UPDATE baseline.stock AS st SET on_hand = st.on_hand - t.q FROM unnest($1::text[], $2::int[]) AS t(s, q) WHERE st.location_id = 'BASE' AND st.sku = t.s",
                skus, lines.Select(l => l.Quantity).ToArray()));
            await write.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    private static async Task SetUpAsync(NpgsqlDataSource db, int registers)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE SCHEMA IF NOT EXISTS baseline;
            CREATE TABLE IF NOT EXISTS baseline.product (sku text PRIMARY KEY, price bigint NOT NULL, tax_bp int NOT NULL);
            CREATE TABLE IF NOT EXISTS baseline.register (store_id text, register_id text, last_seq bigint NOT NULL DEFAULT 0, PRIMARY KEY (store_id, register_id));
            CREATE TABLE IF NOT EXISTS baseline.stock (location_id text, sku text, on_hand bigint NOT NULL, PRIMARY KEY (location_id, sku));
            CREATE TABLE IF NOT EXISTS baseline.sale (sale_id text PRIMARY KEY, store_id text NOT NULL, register_id text NOT NULL, seq bigint NOT NULL,
                total bigint NOT NULL, tax bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE IF NOT EXISTS baseline.sale_line (sale_id text, line_no int, sku text NOT NULL, qty int NOT NULL, net bigint NOT NULL, PRIMARY KEY (sale_id, line_no));
            INSERT INTO baseline.product SELECT 'SKU-' || lpad(i::text, 5, '0'), 49 + (i * 7919 % 19950), 1900 FROM generate_series(1, {SaleMix.CatalogSize}) i ON CONFLICT DO NOTHING;
            INSERT INTO baseline.stock SELECT 'BASE', sku, 1000000 FROM baseline.product ON CONFLICT DO NOTHING;
            INSERT INTO baseline.register SELECT 'BASE', 'R' || r FROM generate_series(1, {registers}) r ON CONFLICT DO NOTHING;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
