using System.Collections.Concurrent;
using System.Data.Common;

namespace ChainPos.Storage;

/// <summary>
/// The <see cref="DbDataSource"/> handed to the Orleans ADO.NET providers for SQLite. Every opened connection
/// runs <c>PRAGMA synchronous=FULL|NORMAL; PRAGMA busy_timeout=5000;</c> (neither has a connection-string
/// keyword), and only one connection per database file is open at a time: SQLite has one writer anyway and
/// its busy polling is unfair, so an async FIFO gate turns multi-second tails into queueing (notes §10).
/// </summary>
internal sealed class SqliteGatedDataSource : DbDataSource
{
    // One gate per file for the whole process, so two silos (or storage and reminders) on one file share it.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly string _connectionString;

    public SqliteGatedDataSource(string fullPath, bool synchronousFull)
    {
        _connectionString = SqliteConnectionStrings.Create(fullPath, pooling: true);
        Gate = Gates.GetOrAdd(fullPath, static _ => new SemaphoreSlim(1, 1));
        OpenPragmas = synchronousFull
            ? "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"
            : "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
    }

    public override string ConnectionString => _connectionString;

    internal SemaphoreSlim Gate { get; }

    internal string OpenPragmas { get; }

    protected override DbConnection CreateDbConnection() => new GatedSqliteConnection(this);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new GatedSqliteConnection(this);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new GatedSqliteConnection(this);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
