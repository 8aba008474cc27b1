using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChainPos.StoreAgent.Offline;

/// <summary>A quota of a limited SKU this register leased: units granted, units its sales used (online and offline), expiry.</summary>
internal sealed record LocalStockQuota(string LeaseId, string Sku, long Granted, long Used, DateTimeOffset ExpiresAt)
{
    /// <summary>Units that may still be sold offline at <paramref name="now"/> (none once expired by this register's clock).</summary>
    public long LeftAt(DateTimeOffset now) => now < ExpiresAt ? Math.Max(0, Granted - Used) : 0;
}

/// <summary>
/// The SKUs limited at this store (<c>quota_policies</c>, replaced on every catalogue sync), the quotas this register
/// holds (<c>stock_quotas</c>) and what each sale used of them (<c>quota_uses</c>, written with the sale's journal entry).
/// </summary>
internal sealed class StockQuotaStore(AgentDatabase db)
{
    /// <summary>Limited SKUs and their offline quota.</summary>
    public IReadOnlyDictionary<string, long> Policies() => db.Read(c =>
    {
        using var command = AgentDatabase.Command(c, "SELECT sku, offline_quota FROM quota_policies ORDER BY sku");
        using var r = command.ExecuteReader();
        var policies = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (r.Read())
        {
            policies[r.GetString(0)] = r.GetInt64(1);
        }

        return policies;
    });

    public Task ReplacePoliciesAsync(IEnumerable<(string Sku, long OfflineQuota)> policies) => db.WriteAsync((c, t) =>
    {
        Execute(c, t, "DELETE FROM quota_policies");
        foreach (var (sku, quota) in policies)
        {
            Execute(c, t, "INSERT INTO quota_policies(sku, offline_quota) VALUES(@sku, @q)", ("@sku", sku), ("@q", quota));
        }
    });

    /// <summary>The quota of <paramref name="sku"/> this register sells from: the one that expires last.</summary>
    public LocalStockQuota? Find(string sku) => db.Read(c => Query(c, "SELECT * FROM stock_quotas WHERE sku = @s ORDER BY expires_at DESC LIMIT 1", ("@s", sku)).FirstOrDefault());

    public IReadOnlyList<LocalStockQuota> All() => db.Read(c => Query(c, "SELECT * FROM stock_quotas ORDER BY sku, expires_at"));

    /// <summary>Saves a lease as the platform granted or renewed it; units already used here are kept.</summary>
    public Task SaveAsync(LocalStockQuota q) => db.WriteAsync((c, t) => Execute(c, t, """
        INSERT INTO stock_quotas(lease_id, sku, granted, used, expires_at) VALUES(@id, @sku, @granted, @used, @expires)
        ON CONFLICT(lease_id) DO UPDATE SET granted = excluded.granted, used = max(used, excluded.used), expires_at = excluded.expires_at
        """, ("@id", q.LeaseId), ("@sku", q.Sku), ("@granted", q.Granted), ("@used", q.Used), ("@expires", Text(q.ExpiresAt))));

    public Task DeleteAsync(string leaseId) => db.WriteAsync((c, t) =>
    {
        Execute(c, t, "DELETE FROM stock_quotas WHERE lease_id = @id", ("@id", leaseId));
        Execute(c, t, "DELETE FROM quota_uses WHERE lease_id = @id", ("@id", leaseId));
    });

    /// <summary>Counts a sale's units against a quota, in the transaction that journals the sale (once per sale and lease).</summary>
    public static void Use(SqliteConnection c, SqliteTransaction t, string saleId, string leaseId, long units)
    {
        using var insert = AgentDatabase.Command(c, "INSERT OR IGNORE INTO quota_uses(sale_id, lease_id, units) VALUES(@sale, @id, @u)", t,
            ("@sale", saleId), ("@id", leaseId), ("@u", units));
        if (insert.ExecuteNonQuery() == 1)
        {
            Execute(c, t, "UPDATE stock_quotas SET used = used + @u WHERE lease_id = @id", ("@u", units), ("@id", leaseId));
        }
    }

    /// <summary>A sale the platform refused or rejected never took its units: they go back to the quotas it used.</summary>
    public static void Release(SqliteConnection c, SqliteTransaction t, string saleId)
    {
        Execute(c, t, """
            UPDATE stock_quotas SET used = max(0, used - (SELECT u.units FROM quota_uses u WHERE u.sale_id = @sale AND u.lease_id = stock_quotas.lease_id))
            WHERE lease_id IN (SELECT lease_id FROM quota_uses WHERE sale_id = @sale)
            """, ("@sale", saleId));
        Execute(c, t, "DELETE FROM quota_uses WHERE sale_id = @sale", ("@sale", saleId));
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection c, SqliteTransaction t, string sql, params (string, object?)[] parameters)
    {
        using var command = AgentDatabase.Command(c, sql, t, parameters);
        command.ExecuteNonQuery();
    }

    private static List<LocalStockQuota> Query(SqliteConnection c, string sql, params (string, object?)[] parameters)
    {
        using var command = AgentDatabase.Command(c, sql, null, parameters);
        using var r = command.ExecuteReader();
        var list = new List<LocalStockQuota>();
        while (r.Read())
        {
            list.Add(new LocalStockQuota(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture)));
        }

        return list;
    }
}
