using Microsoft.Data.Sqlite;

namespace ChainPos.StoreAgent.Offline;

/// <summary>Small named values in the agent's database (catalogue cursor, store settings, the open shift).</summary>
internal static class KeyValues
{
    public static string? Get(SqliteConnection connection, string key)
    {
        using var command = AgentDatabase.Command(connection, "SELECT value FROM kv WHERE key = @k", null, ("@k", key));
        return command.ExecuteScalar() as string;
    }

    public static void Set(SqliteConnection connection, SqliteTransaction transaction, string key, string? value)
    {
        using var command = value is null
            ? AgentDatabase.Command(connection, "DELETE FROM kv WHERE key = @k", transaction, ("@k", key))
            : AgentDatabase.Command(connection, "INSERT INTO kv(key, value) VALUES(@k, @v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", transaction, ("@k", key), ("@v", value));
        command.ExecuteNonQuery();
    }
}
