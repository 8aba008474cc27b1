using System.Globalization;

namespace ChainPos.StoreAgent.Offline;

/// <summary>No-sale drawer openings in the journal: one entry per no-sale id, in the same offline order as sales and shift openings.</summary>
internal sealed partial class SaleJournal
{
    /// <summary>The journal key of a no-sale (sale ids never contain ':').</summary>
    public static string NoSaleKey(string noSaleId) => "nosale:" + noSaleId;

    /// <summary>
    /// Writes a no-sale: queued with the next offline sequence, or in flight while its online call is made. <paramref name="note"/>
    /// (who opened the drawer, who approved, why) is kept with it for head office. False when this id is already journaled.
    /// </summary>
    public Task<bool> TryAppendNoSaleAsync(string noSaleId, DateTimeOffset createdAt, bool queue, string request, string note) => db.WriteAsync((c, t) =>
    {
        using (var exists = AgentDatabase.Command(c, "SELECT count(*) FROM journal WHERE sale_id = @id", t, ("@id", NoSaleKey(noSaleId))))
        {
            if ((long)exists.ExecuteScalar()! > 0)
            {
                return false;
            }
        }

        long? offlineSeq = queue ? NextOfflineSeq(c, t) : null;
        using var insert = AgentDatabase.Command(c, """
            INSERT INTO journal(sale_id, created_at, status, offline_seq, total, change, offline_request, receipt_text, kind)
            VALUES(@id, @at, @status, @seq, 0, 0, @request, @note, @kind)
            """, t, ("@id", NoSaleKey(noSaleId)), ("@at", createdAt.ToString("O", CultureInfo.InvariantCulture)),
            ("@status", queue ? JournalStatus.Pending : JournalStatus.InFlight), ("@seq", offlineSeq), ("@request", request), ("@note", note),
            ("@kind", JournalKind.NoSale));
        insert.ExecuteNonQuery();
        return true;
    });

    /// <summary>The journal entry of a no-sale, or null.</summary>
    public JournalEntry? FindNoSale(string noSaleId) => db.Read(c =>
        Query(c, "SELECT * FROM journal WHERE sale_id = @id AND kind = @k", ("@id", NoSaleKey(noSaleId)), ("@k", JournalKind.NoSale)).FirstOrDefault());

    /// <summary>This register's no-sales, newest first.</summary>
    public IReadOnlyList<JournalEntry> RecentNoSales(int limit) => db.Read(c =>
        Query(c, $"SELECT * FROM journal WHERE kind = @k ORDER BY local_seq DESC LIMIT {Math.Clamp(limit, 1, 200)}", ("@k", JournalKind.NoSale)));
}
