using Microsoft.Data.Sqlite;

namespace ChainPos.Storage;

/// <summary>Builds the Microsoft.Data.Sqlite connection strings used by the migrator and the silo.</summary>
internal static class SqliteConnectionStrings
{
    public static string Create(string fullPath, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = fullPath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = pooling,
    }.ToString();
}
