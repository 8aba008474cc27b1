using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChainPos.StoreAgent.Offline;

/// <summary>An allowance this register leased: a gift card (target = the code's hash, label = its mask) or a customer's points.</summary>
internal sealed record LocalAllowance(string LeaseId, string Kind, string Target, string Label, long Granted, long Spent, DateTimeOffset ExpiresAt, DateTimeOffset LastUsed)
{
    public const string GiftCard = "giftcard";
    public const string Points = "points";

    /// <summary>What may still be spent offline at <paramref name="now"/> (nothing once expired by this register's clock).</summary>
    public long RemainingAt(DateTimeOffset now) => now < ExpiresAt ? Math.Max(0, Granted - Spent) : 0;
}

/// <summary>The allowances table: what this register may spend offline per card or account, and what it spent.</summary>
internal sealed class AllowanceStore(AgentDatabase db)
{
    public LocalAllowance? Find(string kind, string target) => db.Read(c =>
        Query(c, "SELECT * FROM allowances WHERE kind = @k AND target = @t ORDER BY expires_at DESC LIMIT 1", ("@k", kind), ("@t", target)).FirstOrDefault());

    public IReadOnlyList<LocalAllowance> All() => db.Read(c => Query(c, "SELECT * FROM allowances ORDER BY kind, label"));

    public Task SaveAsync(LocalAllowance a) => db.WriteAsync((c, t) =>
    {
        using var command = AgentDatabase.Command(c, """
            INSERT INTO allowances(lease_id, kind, target, label, granted, spent, expires_at, last_used)
            VALUES(@id, @kind, @target, @label, @granted, @spent, @expires, @used)
            ON CONFLICT(lease_id) DO UPDATE SET label = excluded.label, granted = excluded.granted, expires_at = excluded.expires_at
            """, t, ("@id", a.LeaseId), ("@kind", a.Kind), ("@target", a.Target), ("@label", a.Label), ("@granted", a.Granted),
            ("@spent", a.Spent), ("@expires", Text(a.ExpiresAt)), ("@used", Text(a.LastUsed)));
        command.ExecuteNonQuery();
    });

    public Task DeleteAsync(string leaseId) => db.WriteAsync((c, t) =>
    {
        using var command = AgentDatabase.Command(c, "DELETE FROM allowances WHERE lease_id = @id", t, ("@id", leaseId));
        command.ExecuteNonQuery();
    });

    /// <summary>Counts an offline spend against its lease, in the transaction that journals the sale.</summary>
    public static void Spend(SqliteConnection c, SqliteTransaction t, string leaseId, long amount, DateTimeOffset at)
    {
        using var command = AgentDatabase.Command(c, "UPDATE allowances SET spent = spent + @a, last_used = @at WHERE lease_id = @id", t,
            ("@a", amount), ("@at", Text(at)), ("@id", leaseId));
        command.ExecuteNonQuery();
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static List<LocalAllowance> Query(SqliteConnection c, string sql, params (string, object?)[] parameters)
    {
        using var command = AgentDatabase.Command(c, sql, null, parameters);
        using var r = command.ExecuteReader();
        var list = new List<LocalAllowance>();
        while (r.Read())
        {
            list.Add(new LocalAllowance(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5),
                DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture), DateTimeOffset.Parse(r.GetString(7), CultureInfo.InvariantCulture)));
        }

        return list;
    }
}
