using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChainPos.Storage;

/// <summary>
/// Applies the embedded ChainPos schema (Orleans query table, clustering, grain state, reminders).
/// Both methods are idempotent and meant to run at every start-up, before the silo starts. They log
/// nothing: callers log.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The schema version this build writes to <c>pos_schema_version</c>.</summary>
    public const int CurrentVersion = 3;

    // pg_advisory_xact_lock key shared by every ChainPos process ("CPOSSCHM" as ASCII).
    private const long PostgresLockKey = 0x43504F535343484D;

    /// <summary>
    /// Applies <c>Schema/postgres.sql</c> in one transaction under <c>pg_advisory_xact_lock</c>, so silos
    /// starting at the same time apply it one after another.
    /// </summary>
    /// <param name="connectionString">Npgsql connection string of the target database.</param>
    /// <param name="ct">Cancels the migration (the transaction rolls back).</param>
    /// <exception cref="InvalidOperationException">The database holds a newer schema version than this build.</exception>
    public static async Task ApplyPostgresAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", PostgresLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        await using (var versionCommand = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('pos_schema_version') IS NULL THEN 0 ELSE 1 END", connection, transaction))
        {
            if (Convert.ToInt32(await versionCommand.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 1)
            {
                versionCommand.CommandText = "SELECT COALESCE(max(version), 0) FROM pos_schema_version";
                ThrowIfNewer(Convert.ToInt32(await versionCommand.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
            }
        }

        await using (var schemaCommand = new NpgsqlCommand(SchemaScripts.Postgres, connection, transaction))
        {
            await schemaCommand.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Creates the folder and database file if missing, switches the file to WAL and applies
    /// <c>Schema/sqlite.sql</c> in one immediate transaction.
    /// </summary>
    /// <param name="databasePath">Database file; a relative path is resolved against the current directory.</param>
    /// <param name="ct">Cancels the migration between steps.</param>
    /// <exception cref="InvalidOperationException">
    /// The file cannot use WAL, or it holds a newer schema version than this build.
    /// </exception>
    public static async Task ApplySqliteAsync(string databasePath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // Unpooled: the migration's connection really closes, and the silo's pool starts clean.
        var connectionString = SqliteConnectionStrings.Create(fullPath, pooling: false);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);

        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=5000;";
            await pragma.ExecuteNonQueryAsync(ct);
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = Convert.ToString(await pragma.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite database '{fullPath}' could not switch to WAL journal mode (it reports '{mode}').");
            }
        }

        // deferred: false = BEGIN IMMEDIATE: take the write lock first, so two starting processes serialize.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var versionCommand = connection.CreateCommand())
        {
            versionCommand.Transaction = transaction;
            versionCommand.CommandText =
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'pos_schema_version'";
            if (Convert.ToInt32(await versionCommand.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 1)
            {
                versionCommand.CommandText = "SELECT COALESCE(max(version), 0) FROM pos_schema_version";
                ThrowIfNewer(Convert.ToInt32(await versionCommand.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
            }
        }

        await using (var schemaCommand = connection.CreateCommand())
        {
            schemaCommand.Transaction = transaction;
            schemaCommand.CommandText = SchemaScripts.Sqlite;
            await schemaCommand.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static void ThrowIfNewer(int databaseVersion)
    {
        // An older build must not overwrite a newer build's query texts.
        if (databaseVersion > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The database has ChainPos schema version {databaseVersion}; this build supports up to {CurrentVersion}.");
        }
    }
}
