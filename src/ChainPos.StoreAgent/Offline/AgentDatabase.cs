using ChainPos.StoreAgent.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Offline;

/// <summary>
/// The agent's SQLite file: catalogue cache, store settings, shift, PIN caches, the journal (sales and offline shift
/// openings), the offline allowances and the stock quotas of limited SKUs.
/// WAL with synchronous=FULL, so a committed write is on disk (fsynced) before the call returns; one
/// writer at a time through an async gate (SQLite's own busy polling is unfair).
/// </summary>
internal sealed class AgentDatabase : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS products(
          sku TEXT PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL, currency TEXT NOT NULL,
          tax_class TEXT NOT NULL, category TEXT NOT NULL, active INTEGER NOT NULL, barcodes TEXT NOT NULL,
          sold_by_weight INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS products_name ON products(name);
        CREATE TABLE IF NOT EXISTS barcodes(code TEXT PRIMARY KEY, sku TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS kv(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS pins(employee_id TEXT PRIMARY KEY, hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS staff(employee_id TEXT PRIMARY KEY, name TEXT NOT NULL, role INTEGER NOT NULL, pin_hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS journal(
          local_seq INTEGER PRIMARY KEY AUTOINCREMENT,
          sale_id TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          status TEXT NOT NULL,
          offline_seq INTEGER UNIQUE,
          total INTEGER NOT NULL,
          change INTEGER NOT NULL,
          offline_request TEXT NOT NULL,
          online_request TEXT,
          server_receipt TEXT,
          receipt_text TEXT,
          error TEXT,
          synced_at TEXT,
          late INTEGER NOT NULL DEFAULT 0,
          kind TEXT NOT NULL DEFAULT 'sale');
        CREATE INDEX IF NOT EXISTS journal_status ON journal(status, offline_seq);
        CREATE TABLE IF NOT EXISTS returns(
          return_id TEXT PRIMARY KEY,
          original_sale_id TEXT,
          created_at TEXT NOT NULL,
          response TEXT NOT NULL,
          tenders TEXT NOT NULL,
          receipt_text TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS returns_sale ON returns(original_sale_id);
        CREATE TABLE IF NOT EXISTS allowances(
          lease_id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          target TEXT NOT NULL,
          label TEXT NOT NULL,
          granted INTEGER NOT NULL,
          spent INTEGER NOT NULL,
          expires_at TEXT NOT NULL,
          last_used TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS allowances_target ON allowances(kind, target);
        CREATE TABLE IF NOT EXISTS quota_policies(sku TEXT PRIMARY KEY, offline_quota INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS stock_quotas(
          lease_id TEXT PRIMARY KEY,
          sku TEXT NOT NULL,
          granted INTEGER NOT NULL,
          used INTEGER NOT NULL,
          expires_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS stock_quotas_sku ON stock_quotas(sku);
        CREATE TABLE IF NOT EXISTS quota_uses(
          sale_id TEXT NOT NULL,
          lease_id TEXT NOT NULL,
          units INTEGER NOT NULL,
          PRIMARY KEY(sale_id, lease_id));
        """;

    private readonly string _connectionString;
    private readonly string _busyPragma;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public AgentDatabase(IOptions<AgentOptions> options)
    {
        var folder = System.IO.Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "agent.db");
        // Both SQLite's busy handler and Microsoft.Data.Sqlite's own retries (30 s by default) wait at most the busy timeout.
        var busy = options.Value.DatabaseBusyTimeout;
        _busyPragma = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={(long)busy.TotalMilliseconds};";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path, Pooling = true, DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busy.TotalSeconds)),
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
        // A journal made before offline shift openings has no kind column: every entry in it is a sale.
        using var columns = Command(connection, "SELECT count(*) FROM pragma_table_info('journal') WHERE name = 'kind'");
        if ((long)columns.ExecuteScalar()! == 0)
        {
            Execute(connection, "ALTER TABLE journal ADD COLUMN kind TEXT NOT NULL DEFAULT 'sale';");
        }

        // A catalogue copy made before weighed products does not know which are sold by weight: add the column and
        // forget the sync cursor, so the next sync reads the whole catalogue again (with its unit of measure).
        using var weighed = Command(connection, "SELECT count(*) FROM pragma_table_info('products') WHERE name = 'sold_by_weight'");
        if ((long)weighed.ExecuteScalar()! == 0)
        {
            Execute(connection, "ALTER TABLE products ADD COLUMN sold_by_weight INTEGER NOT NULL DEFAULT 0; DELETE FROM kv WHERE key = 'catalog.cursor';");
        }
    }

    public string Path { get; }

    /// <summary>A connection with the pragmas set; dispose it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, _busyPragma);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; it is durable when this returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        await _writer.WaitAsync();
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> work) => WriteAsync<bool>((c, t) =>
    {
        work(c, t);
        return true;
    });

    public T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = Open();
        return work(connection);
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Dispose() => _writer.Dispose();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
