using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChainPos.Connector;

/// <summary>
/// The connector's SQLite file: the inbox of order events and the stock feed's resume point. WAL journal with
/// synchronous=FULL, so an event acknowledged with 202 survives a crash and a power loss.
/// </summary>
public sealed class ConnectorDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS inbox (
            seq INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            event_type TEXT NOT NULL,
            order_id TEXT NOT NULL,
            body TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            next_attempt_at TEXT,
            last_error TEXT,
            outcome TEXT
        );
        CREATE INDEX IF NOT EXISTS inbox_state ON inbox (state, seq);
        CREATE TABLE IF NOT EXISTS stock_cursor (
            sku TEXT PRIMARY KEY,
            sequence INTEGER NOT NULL
        );
        """;

    private readonly string _connectionString;

    /// <summary>Creates the file and its tables when missing.</summary>
    public ConnectorDatabase(IOptions<ConnectorOptions> options)
    {
        var path = Path.GetFullPath(options.Value.DataPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    /// <summary>An open connection with the durability pragmas applied.</summary>
    public Task<SqliteConnection> OpenAsync() => Task.FromResult(Open());

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
