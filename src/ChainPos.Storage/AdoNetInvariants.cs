namespace ChainPos.Storage;

/// <summary>The ADO.NET invariant names Orleans 10.4.2 knows for our two databases.</summary>
internal static class AdoNetInvariants
{
    public const string Postgres = "Npgsql";

    // Orleans' only SQLite key; it loads Microsoft.Data.Sqlite.SqliteFactory. "Microsoft.Data.Sqlite" fails at silo start.
    public const string Sqlite = "System.Data.SQLite";
}
