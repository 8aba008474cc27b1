using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChainPos.StoreAgent.Offline;

/// <summary>Cash returns refunded offline in the journal: one entry per return id, in the same offline order as sales, shift openings and no-sales.</summary>
internal sealed partial class SaleJournal
{
    /// <summary>The journal key of an offline return (sale ids never contain ':').</summary>
    public static string ReturnKey(string returnId) => "return:" + returnId;

    /// <summary>
    /// Queues an offline return with the next offline sequence (after the sale it refers to, which was journaled earlier).
    /// <paramref name="sameTransaction"/> gets that sequence and runs first, in the same transaction: it checks what was already
    /// returned of the sale and records the return, so a refusal there leaves nothing queued.
    /// </summary>
    public Task<long> AppendReturnAsync(string returnId, DateTimeOffset createdAt, long refundTotal, Func<long, string> request,
        Action<SqliteConnection, SqliteTransaction, long> sameTransaction) => db.WriteAsync((c, t) =>
    {
        var seq = NextOfflineSeq(c, t);
        sameTransaction(c, t, seq);
        using var insert = AgentDatabase.Command(c, """
            INSERT INTO journal(sale_id, created_at, status, offline_seq, total, change, offline_request, kind)
            VALUES(@id, @at, @status, @seq, @total, 0, @request, @kind)
            """, t, ("@id", ReturnKey(returnId)), ("@at", createdAt.ToString("O", CultureInfo.InvariantCulture)),
            ("@status", JournalStatus.Pending), ("@seq", seq), ("@total", refundTotal), ("@request", request(seq)), ("@kind", JournalKind.Return));
        insert.ExecuteNonQuery();
        return seq;
    });

    /// <summary>The journal entry of an offline return, or null (a return made online has none).</summary>
    public JournalEntry? FindReturn(string returnId) => db.Read(c =>
        Query(c, "SELECT * FROM journal WHERE sale_id = @id AND kind = @k", ("@id", ReturnKey(returnId)), ("@k", JournalKind.Return)).FirstOrDefault());

    /// <summary>Whether an offline return of <paramref name="saleId"/> is still queued (the platform does not count it yet).</summary>
    public bool HasQueuedReturnOf(string saleId) => db.Read(c =>
    {
        using var query = AgentDatabase.Command(c, "SELECT count(*) FROM journal WHERE kind = @k AND status = @s AND json_extract(offline_request, '$.originalSaleId') = @sale",
            null, ("@k", JournalKind.Return), ("@s", JournalStatus.Pending), ("@sale", saleId));
        return (long)query.ExecuteScalar()! > 0;
    });

    /// <summary>This register's offline returns, newest first.</summary>
    public IReadOnlyList<JournalEntry> RecentReturns(int limit) => db.Read(c =>
        Query(c, $"SELECT * FROM journal WHERE kind = @k ORDER BY local_seq DESC LIMIT {Math.Clamp(limit, 1, 200)}", ("@k", JournalKind.Return)));
}
