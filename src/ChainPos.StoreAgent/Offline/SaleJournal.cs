using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChainPos.StoreAgent.Offline;

/// <summary>
/// The sale journal: every sale is written here, durably, before its receipt prints. Offline sales get
/// the register's next offline sequence (1, 2, 3…) in the same transaction, so they sync in order.
/// </summary>
internal sealed partial class SaleJournal(AgentDatabase db)
{
    /// <summary>
    /// Writes a new sale; returns its offline sequence when it is queued (null when it goes online first). What it spent from
    /// allowances (<paramref name="spends"/>: lease id, minor units or points) and the units it took from stock quotas
    /// (<paramref name="quotaUses"/>: lease id, units) are counted in the same transaction.
    /// </summary>
    public Task<long?> AppendAsync(string saleId, DateTimeOffset createdAt, bool queue, string offlineRequest, string? onlineRequest, long total, long change,
        IReadOnlyList<(string LeaseId, long Amount)>? spends = null, IReadOnlyList<(string LeaseId, long Units)>? quotaUses = null) =>
        db.WriteAsync<long?>((c, t) =>
        {
            long? offlineSeq = queue ? NextOfflineSeq(c, t) : null;
            using var insert = AgentDatabase.Command(c, """
                INSERT INTO journal(sale_id, created_at, status, offline_seq, total, change, offline_request, online_request)
                VALUES(@id, @at, @status, @seq, @total, @change, @offline, @online)
                """, t, ("@id", saleId), ("@at", createdAt.ToString("O", CultureInfo.InvariantCulture)),
                ("@status", queue ? JournalStatus.Pending : JournalStatus.InFlight), ("@seq", offlineSeq), ("@total", total),
                ("@change", change), ("@offline", offlineRequest), ("@online", onlineRequest));
            insert.ExecuteNonQuery();
            foreach (var (leaseId, amount) in spends ?? [])
            {
                AllowanceStore.Spend(c, t, leaseId, amount, createdAt);
            }

            foreach (var (leaseId, units) in quotaUses ?? [])
            {
                StockQuotaStore.Use(c, t, saleId, leaseId, units);
            }

            return offlineSeq;
        });

    /// <summary>A shift opened offline: queued with the next offline sequence, so it syncs before the sales rung up in it.</summary>
    public Task<long> AppendShiftOpenAsync(string shiftId, DateTimeOffset createdAt, string request, Action<SqliteConnection, SqliteTransaction> sameTransaction) => db.WriteAsync((c, t) =>
    {
        sameTransaction(c, t);
        var seq = NextOfflineSeq(c, t);
        using var insert = AgentDatabase.Command(c, """
            INSERT INTO journal(sale_id, created_at, status, offline_seq, total, change, offline_request, kind)
            VALUES(@id, @at, @status, @seq, 0, 0, @request, @kind)
            """, t, ("@id", ShiftKey(shiftId)), ("@at", createdAt.ToString("O", CultureInfo.InvariantCulture)),
            ("@status", JournalStatus.Pending), ("@seq", seq), ("@request", request), ("@kind", JournalKind.ShiftOpen));
        insert.ExecuteNonQuery();
        return seq;
    });

    /// <summary>The journal key of a shift opened offline (sale ids never contain ':').</summary>
    public static string ShiftKey(string shiftId) => "shift:" + shiftId;

    /// <summary>An in-flight sale whose online attempt did not get through: queued with the next offline sequence.</summary>
    public Task<long> QueueAsync(string saleId) => db.WriteAsync((c, t) =>
    {
        var seq = NextOfflineSeq(c, t);
        Execute(c, t, "UPDATE journal SET status = @pending, offline_seq = @seq, online_request = NULL WHERE sale_id = @id AND status = @inflight",
            ("@pending", JournalStatus.Pending), ("@seq", seq), ("@id", saleId), ("@inflight", JournalStatus.InFlight));
        return seq;
    });

    /// <summary>At start: sales that were in flight when the agent stopped are queued, in the order they were made.</summary>
    public async Task<int> RecoverInFlightAsync()
    {
        var stuck = db.Read(c => Query(c, "SELECT * FROM journal WHERE status = @s ORDER BY local_seq", ("@s", JournalStatus.InFlight)));
        foreach (var entry in stuck)
        {
            await QueueAsync(entry.SaleId);
        }

        return stuck.Count;
    }

    public Task MarkSyncedAsync(string saleId, string serverReceipt, bool late, DateTimeOffset at) => db.WriteAsync((c, t) =>
        Execute(c, t, "UPDATE journal SET status = @synced, server_receipt = @r, late = @late, synced_at = @at, online_request = NULL, error = NULL WHERE sale_id = @id",
            ("@synced", JournalStatus.Synced), ("@r", serverReceipt), ("@late", late ? 1 : 0), ("@at", at.ToString("O", CultureInfo.InvariantCulture)), ("@id", saleId)));

    /// <summary>The platform refused the sale online: nothing was sold, so the stock quota units it took are given back.</summary>
    public Task MarkRefusedAsync(string saleId, string error) => db.WriteAsync((c, t) =>
    {
        Execute(c, t, "UPDATE journal SET status = @s, error = @e, online_request = NULL WHERE sale_id = @id", ("@s", JournalStatus.Refused), ("@e", error), ("@id", saleId));
        StockQuotaStore.Release(c, t, saleId);
    });

    /// <summary>Notes why the last sync attempt of a queued sale failed (it stays queued).</summary>
    public Task NoteErrorAsync(string saleId, string error) => db.WriteAsync((c, t) =>
        Execute(c, t, "UPDATE journal SET error = @e WHERE sale_id = @id", ("@e", error), ("@id", saleId)));

    /// <summary>
    /// Takes a queued sale the platform refused out of the offline order and closes the gap: the later ones
    /// move up by one (none of them can have been applied, since the platform applies strictly in order). The stock quota
    /// units it took are given back.
    /// </summary>
    public Task RejectAsync(string saleId, string error) => db.WriteAsync((c, t) =>
    {
        using var find = AgentDatabase.Command(c, "SELECT offline_seq FROM journal WHERE sale_id = @id AND status = @p", t, ("@id", saleId), ("@p", JournalStatus.Pending));
        if (find.ExecuteScalar() is not long seq)
        {
            return;
        }

        Execute(c, t, "UPDATE journal SET status = @s, error = @e, offline_seq = NULL WHERE sale_id = @id", ("@s", JournalStatus.Rejected), ("@e", error), ("@id", saleId));
        StockQuotaStore.Release(c, t, saleId); // never applied, so the platform did not count its units against the quota either
        // Read inside this transaction: a command without it is refused on a connection with a transaction pending.
        var later = new List<string>();
        using (var select = AgentDatabase.Command(c, "SELECT sale_id FROM journal WHERE offline_seq > @seq ORDER BY offline_seq", t, ("@seq", seq)))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                later.Add(reader.GetString(0));
            }
        }

        foreach (var id in later)
        {
            Execute(c, t, "UPDATE journal SET offline_seq = offline_seq - 1 WHERE sale_id = @id", ("@id", id));
        }
    });

    public Task SetReceiptTextAsync(string saleId, string text) => db.WriteAsync((c, t) =>
        Execute(c, t, "UPDATE journal SET receipt_text = @r WHERE sale_id = @id", ("@r", text), ("@id", saleId)));

    public JournalEntry? Find(string saleId) => db.Read(c => Query(c, "SELECT * FROM journal WHERE sale_id = @id AND kind = @k", ("@id", saleId), ("@k", JournalKind.Sale)).FirstOrDefault());

    /// <summary>The oldest queued sale (lowest offline sequence), or null.</summary>
    public JournalEntry? NextPending() => db.Read(c =>
        Query(c, "SELECT * FROM journal WHERE status = @s ORDER BY offline_seq LIMIT 1", ("@s", JournalStatus.Pending)).FirstOrDefault());

    public IReadOnlyList<JournalEntry> Recent(int limit) => db.Read(c =>
        Query(c, $"SELECT * FROM journal WHERE kind = @k ORDER BY local_seq DESC LIMIT {Math.Clamp(limit, 1, 200)}", ("@k", JournalKind.Sale)));

    /// <summary>Queued entries (sales pending or in flight, shift openings) and when the oldest was made.</summary>
    public (long Count, DateTimeOffset? Oldest, long Rejected) Backlog() => db.Read(c =>
    {
        using var command = AgentDatabase.Command(c, """
            SELECT count(*) FILTER (WHERE status IN ('pending', 'inflight')), min(created_at) FILTER (WHERE status IN ('pending', 'inflight')),
                   count(*) FILTER (WHERE status = 'rejected') FROM journal
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        DateTimeOffset? oldest = reader.IsDBNull(1) ? null : DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        return (reader.GetInt64(0), oldest, reader.GetInt64(2));
    });

    private static long NextOfflineSeq(SqliteConnection c, SqliteTransaction t)
    {
        using var command = AgentDatabase.Command(c, "SELECT coalesce(max(offline_seq), 0) + 1 FROM journal", t);
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection c, SqliteTransaction t, string sql, params (string, object?)[] parameters)
    {
        using var command = AgentDatabase.Command(c, sql, t, parameters);
        command.ExecuteNonQuery();
    }

    private static List<JournalEntry> Query(SqliteConnection c, string sql, params (string, object?)[] parameters)
    {
        using var command = AgentDatabase.Command(c, sql, null, parameters);
        using var r = command.ExecuteReader();
        var list = new List<JournalEntry>();
        while (r.Read())
        {
            list.Add(new JournalEntry(
                r.GetInt64(r.GetOrdinal("local_seq")), r.GetString(r.GetOrdinal("sale_id")),
                DateTimeOffset.Parse(r.GetString(r.GetOrdinal("created_at")), CultureInfo.InvariantCulture), r.GetString(r.GetOrdinal("status")),
                Long(r, "offline_seq"), r.GetInt64(r.GetOrdinal("total")), r.GetInt64(r.GetOrdinal("change")),
                r.GetString(r.GetOrdinal("offline_request")), Text(r, "server_receipt"), Text(r, "receipt_text"), Text(r, "error"),
                Text(r, "synced_at") is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : null, r.GetInt64(r.GetOrdinal("late")) != 0, r.GetString(r.GetOrdinal("kind"))));
        }

        return list;
    }

    private static string? Text(SqliteDataReader r, string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));

    private static long? Long(SqliteDataReader r, string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetInt64(r.GetOrdinal(column));
}
