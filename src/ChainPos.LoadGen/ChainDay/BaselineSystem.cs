using Grpc.Core;
using Npgsql;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>
/// The conventional design: one central PostgreSQL database, each sale, return and reservation step one
/// transaction (sale + lines + stock rows + loyalty + gift card), receipt numbers from a register row lock,
/// rows locked in SKU order, idempotent by the caller's id. Errors surface as the gRPC statuses ChainPos
/// would give, so the harness treats both alike.
/// </summary>
internal sealed class BaselineSystem(NpgsqlDataSource db) : IChainDaySystem
{
    public string Name => "baseline";

    public Task SeedAsync(ChainDayPlan plan) => BaselineSchema.SeedAsync(db, plan);

    public async Task<long> OpenShiftAsync(string store, string register, string runId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT last_seq FROM chainday.register WHERE store_id = $1 AND register_id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = store });
        command.Parameters.Add(new NpgsqlParameter { Value = register });
        return (long)(await command.ExecuteScalarAsync() ?? throw new RpcException(new Status(StatusCode.NotFound, $"Register {store}/{register} is not seeded.")));
    }

    public Task<SaleResult> SellAsync(string store, string register, SaleOperation sale) => Transaction(async (c, tx) =>
    {
        var lines = sale.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
        var skus = lines.Select(l => l.Sku).ToArray();
        var qtys = lines.Select(l => l.Quantity).ToArray();
        var prices = new Dictionary<string, long>(StringComparer.Ordinal);
        long sequence;
        await using (var read = new NpgsqlBatch(c, tx))
        {
            // The counter moves only for a sale id not seen before: a retried sale gets its first answer back.
            read.BatchCommands.Add(Sql.Command("SELECT sku, price FROM chainday.product WHERE sku = ANY($1)", (object)skus));
            read.BatchCommands.Add(Sql.Command(
                "UPDATE chainday.register SET last_seq = last_seq + 1 WHERE store_id = $1 AND register_id = $2 AND NOT EXISTS (SELECT 1 FROM chainday.sale WHERE sale_id = $3) RETURNING last_seq",
                store, register, sale.SaleId));
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                prices[reader.GetString(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync();
            if (!await reader.ReadAsync())
            {
                await reader.DisposeAsync();
                return await ReplaySaleAsync(c, tx, store, register, sale);
            }

            sequence = reader.GetInt64(0);
        }

        var nets = lines.Select(l => prices.TryGetValue(l.Sku, out var p) ? p * l.Quantity : throw new RpcException(new Status(StatusCode.NotFound, $"SKU {l.Sku} is unknown."))).ToArray();
        var total = nets.Sum();
        if (total != sale.Total)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Total {total} differs from the register's {sale.Total}."));
        }

        var points = sale.CustomerId is null ? 0 : LoyaltyMath.Earned(total);
        var giftHash = sale.GiftCardCode is null ? null : BaselineSchema.CodeHash(sale.GiftCardCode);
        await using (var write = new NpgsqlBatch(c, tx))
        {
            write.BatchCommands.Add(Sql.Command(
                "INSERT INTO chainday.sale(sale_id, store_id, register_id, seq, total, customer_id, points, gift_card_hash, gift_card_amount) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                sale.SaleId, store, register, sequence, total, (object?)sale.CustomerId ?? DBNull.Value, points, (object?)giftHash ?? DBNull.Value, sale.GiftCardAmount));
            write.BatchCommands.Add(Sql.Command(
                "INSERT INTO chainday.sale_line(sale_id, line_no, sku, qty, net) SELECT $1, n, s, q, v FROM unnest($2::text[], $3::int[], $4::bigint[]) WITH ORDINALITY AS t(s, q, v, n)",
                sale.SaleId, skus, qtys, nets));
            write.BatchCommands.Add(Sql.Command(
                "UPDATE chainday.stock AS st SET on_hand = st.on_hand - t.q FROM unnest($2::text[], $3::int[]) AS t(s, q) WHERE st.location_id = $1 AND st.sku = t.s",
                store, skus, qtys));
            if (sale.CustomerId is not null)
            {
                write.BatchCommands.Add(Sql.Command("UPDATE chainday.loyalty SET points = points + $2 WHERE customer_id = $1", sale.CustomerId, points));
            }

            if (giftHash is not null)
            {
                write.BatchCommands.Add(Sql.Command("UPDATE chainday.gift_card SET balance = balance - $2 WHERE code_hash = $1", giftHash, sale.GiftCardAmount));
            }

            await write.ExecuteNonQueryAsync();
        }

        var saleLines = lines.Select((l, i) => (l.Sku, l.Quantity, nets[i])).ToList();
        return new SaleResult(sale.SaleId, store, register, sequence, total, points, sale.CustomerId, saleLines);
    });

    public Task<ReturnResult> ReturnAsync(string store, string register, string returnId, SaleResult original, int lineIndex) => Transaction(async (c, tx) =>
    {
        var line = original.Lines[lineIndex];
        var clawBack = LoyaltyMath.ClawBack(original, line.Net);
        long sequence;
        await using (var seq = new NpgsqlBatch(c, tx))
        {
            seq.BatchCommands.Add(Sql.Command(
                "UPDATE chainday.register SET last_seq = last_seq + 1 WHERE store_id = $1 AND register_id = $2 AND NOT EXISTS (SELECT 1 FROM chainday.sale_return WHERE return_id = $3) RETURNING last_seq",
                store, register, returnId));
            seq.BatchCommands.Add(Sql.Command("SELECT seq, refund, points FROM chainday.sale_return WHERE return_id = $1", returnId));
            await using var reader = await seq.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                // Seen before: the first answer.
                await reader.NextResultAsync();
                return await reader.ReadAsync()
                    ? new ReturnResult(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
                    : throw new RpcException(new Status(StatusCode.NotFound, $"Register {store}/{register} is not seeded."));
            }

            sequence = reader.GetInt64(0);
        }

        await using var write = new NpgsqlBatch(c, tx);
        write.BatchCommands.Add(Sql.Command(
            "INSERT INTO chainday.sale_return(return_id, sale_id, line_no, store_id, register_id, seq, refund, points) SELECT $1, $2, line_no, $3, $4, $5, net, $6 FROM chainday.sale_line WHERE sale_id = $2 AND sku = $7",
            returnId, original.SaleId, store, register, sequence, clawBack, line.Sku));
        write.BatchCommands.Add(Sql.Command("UPDATE chainday.stock SET on_hand = on_hand + $3 WHERE location_id = $1 AND sku = $2", original.Store, line.Sku, (long)line.Quantity));
        if (original.CustomerId is not null)
        {
            write.BatchCommands.Add(Sql.Command("UPDATE chainday.loyalty SET points = points - $2 WHERE customer_id = $1", original.CustomerId, clawBack));
        }

        await write.ExecuteNonQueryAsync();
        return new ReturnResult(sequence, line.Net, clawBack);
    });

    public async Task<bool> ReserveAsync(WebOrderOperation order) => (await Transaction(async (c, tx) =>
    {
        var lines = order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
        await using var batch = new NpgsqlBatch(c, tx);
        batch.BatchCommands.Add(Sql.Command("INSERT INTO chainday.reservation(order_id, location_id, status) VALUES ($1, $2, 'A') ON CONFLICT DO NOTHING", order.OrderId, order.Location));
        batch.BatchCommands.Add(Sql.Command("INSERT INTO chainday.reservation_line SELECT $1, unnest($2::text[]), unnest($3::bigint[]) ON CONFLICT DO NOTHING",
            order.OrderId, lines.Select(l => l.Sku).ToArray(), lines.Select(l => (long)l.Quantity).ToArray()));
        foreach (var l in lines)
        {
            batch.BatchCommands.Add(Sql.Command(
                "UPDATE chainday.stock SET reserved = reserved + $3 WHERE location_id = $1 AND sku = $2 AND on_hand - reserved - safety_stock >= $3", order.Location, l.Sku, (long)l.Quantity));
        }

        await batch.ExecuteNonQueryAsync();
        if (batch.BatchCommands[0].RecordsAffected == 0)
        {
            // A retry of an order granted before (only granted orders keep a row): the same answer, and this
            // transaction's stock updates are rolled back.
            return (Granted: true, Replayed: true);
        }

        return (Granted: Enumerable.Range(2, batch.BatchCommands.Count - 2).All(i => batch.BatchCommands[i].RecordsAffected == 1), Replayed: false);
    }, commitWhen: r => r.Granted && !r.Replayed)).Granted;

    /// <summary>The stored answer to a sale id seen before; nothing is written.</summary>
    private static async Task<SaleResult> ReplaySaleAsync(NpgsqlConnection c, NpgsqlTransaction tx, string store, string register, SaleOperation sale)
    {
        await using var batch = new NpgsqlBatch(c, tx);
        batch.BatchCommands.Add(Sql.Command("SELECT seq, total, points, store_id, register_id FROM chainday.sale WHERE sale_id = $1", sale.SaleId));
        batch.BatchCommands.Add(Sql.Command("SELECT sku, qty, net FROM chainday.sale_line WHERE sale_id = $1 ORDER BY line_no", sale.SaleId));
        await using var reader = await batch.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Register {store}/{register} is not seeded."));
        }

        var (sequence, total, points, soldAt, soldOn) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4));
        await reader.NextResultAsync();
        var lines = new List<(string, int, long)>();
        while (await reader.ReadAsync())
        {
            lines.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
        }

        return new SaleResult(sale.SaleId, soldAt, soldOn, sequence, total, points, sale.CustomerId, lines);
    }

    public Task CommitAsync(string orderId) => Finish(orderId, 'C', "on_hand = st.on_hand - l.qty, reserved = st.reserved - l.qty");

    public Task ReleaseAsync(string orderId) => Finish(orderId, 'R', "reserved = st.reserved - l.qty");

    public Task<Snapshot> ReadAsync(ChainDayPlan plan, IEnumerable<StockKey> stock, IEnumerable<(string Store, string Register)> registers) =>
        BaselineReads.ReadAsync(db, plan, stock, registers);

    public ValueTask DisposeAsync() => db.DisposeAsync();

    private Task<int> Finish(string orderId, char status, string set) => Transaction(async (c, tx) =>
    {
        await using var batch = new NpgsqlBatch(c, tx);
        batch.BatchCommands.Add(Sql.Command(
            $"""
            WITH done AS (UPDATE chainday.reservation SET status = $2 WHERE order_id = $1 AND status = 'A' RETURNING location_id)
            UPDATE chainday.stock AS st SET {set} FROM done, chainday.reservation_line l
            WHERE l.order_id = $1 AND st.location_id = done.location_id AND st.sku = l.sku
            """, orderId, status.ToString()));
        await batch.ExecuteNonQueryAsync();
        return 0;
    });

    /// <summary>Runs one transaction, again when PostgreSQL aborted it for a deadlock or serialization conflict (it changed nothing).</summary>
    private async Task<T> Transaction<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, Func<T, bool>? commitWhen = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync();
                await using var tx = await connection.BeginTransactionAsync();
                var result = await work(connection, tx);
                if (commitWhen is null || commitWhen(result))
                {
                    await tx.CommitAsync();
                }
                else
                {
                    // Refused (not enough stock): nothing of it may stay.
                    await tx.RollbackAsync();
                }

                return result;
            }
            catch (PostgresException e) when (attempt < 5 && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Aborted as a whole: safe to run again.
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation)
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, e.MessageText));
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, e.MessageText));
            }
            catch (NpgsqlException e)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
            }
        }
    }
}
