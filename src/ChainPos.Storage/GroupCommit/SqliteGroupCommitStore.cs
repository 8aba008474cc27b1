using Microsoft.Data.Sqlite;

namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// SQLite side of the group commit: a batch is one <c>BEGIN IMMEDIATE</c> transaction on a connection from the
/// file's one-writer gate (shared with the ADO.NET reminders), one prepared statement per write (microseconds
/// each) and one COMMIT, which is where the fsync cost is. One batch at a time: SQLite has one writer. A write's
/// <see cref="LedgerMap{TValue}"/> entry rows are put or deleted in the same transaction, only when its row's version matched.
/// </summary>
internal sealed class SqliteGroupCommitStore(SqliteGatedDataSource dataSource, string serviceId) : IGroupCommitStore
{
    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

    private const string ReadSql =
        "SELECT payload, version, NULL FROM pos_grain_state_gc WHERE service_id = $s AND state_name = $n AND grain_id = $g";

    // One statement, one snapshot: the row (version not null) and its entry rows (version null).
    private const string ReadWithEntriesSql =
        ReadSql + " UNION ALL SELECT payload, NULL, entry_key FROM pos_grain_entry_gc"
        + " WHERE service_id = $s AND state_name = $n AND grain_id = $g";

    private const string PutEntrySql =
        "INSERT INTO pos_grain_entry_gc (service_id, state_name, grain_id, entry_key, payload) VALUES ($s, $n, $g, $k, $p)"
        + " ON CONFLICT (service_id, state_name, grain_id, entry_key) DO UPDATE SET payload = excluded.payload";

    private const string DeleteEntrySql =
        "DELETE FROM pos_grain_entry_gc WHERE service_id = $s AND state_name = $n AND grain_id = $g AND entry_key = $k";

    private const string ClearEntriesSql =
        "DELETE FROM pos_grain_entry_gc WHERE service_id = $s AND state_name = $n AND grain_id = $g";

    private const string UpdateSql =
        "UPDATE pos_grain_state_gc SET payload = $p, version = version + 1, modified_at = " + Now
        + " WHERE service_id = $s AND state_name = $n AND grain_id = $g AND version = $v RETURNING version";

    private const string InsertSql =
        "INSERT INTO pos_grain_state_gc (service_id, state_name, grain_id, payload, version) VALUES ($s, $n, $g, $p, 1)"
        + " ON CONFLICT DO NOTHING RETURNING version";

    public int MaxConcurrentBatches => 1;

    public int MaxConcurrentReadBatches => 0; // reads are in-process and run side by side in WAL mode: nothing to share

    public async Task CheckSchemaAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM pos_grain_state_gc LIMIT 0";
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, bool withEntries, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.CommandText = withEntries ? ReadWithEntriesSql : ReadSql;
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.AddWithValue("$n", key.StateName);
        command.Parameters.AddWithValue("$g", key.GrainId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        (byte[]? Payload, int Version)? row = null;
        var entries = new List<StoredLedgerEntry>();
        while (await reader.ReadAsync(ct))
        {
            var payload = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
            if (reader.IsDBNull(1))
            {
                entries.Add(new StoredLedgerEntry(reader.GetString(2), payload!));
            }
            else
            {
                row = (payload, reader.GetInt32(1));
            }
        }

        return row is { } r ? new StoredGrainState(r.Payload, r.Version, entries) : null;
    }

    /// <summary>One query each: SQLite reads are in-process and cheap; batching them gains nothing.</summary>
    public async Task<StoredGrainState?[]> ReadManyAsync(IReadOnlyList<PendingRead> reads, CancellationToken ct)
    {
        var result = new StoredGrainState?[reads.Count];
        for (var i = 0; i < reads.Count; i++)
        {
            result[i] = await ReadAsync(reads[i].Key, reads[i].WithEntries, ct);
        }

        return result;
    }

    public async Task<int?[]> CommitAsync(IReadOnlyList<PendingWrite> writes, CancellationToken ct)
    {
        await using var connection = (SqliteConnection)await dataSource.OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var update = Prepare(connection, transaction, UpdateSql, withVersion: true);
        await using var insert = Prepare(connection, transaction, InsertSql, withVersion: false);
        await using var entries = new EntryCommands(this, connection, transaction);

        var versions = new int?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var write = writes[i];
            var command = write.ExpectedVersion is null ? insert : update;
            command.Parameters["$n"].Value = write.Key.StateName;
            command.Parameters["$g"].Value = write.Key.GrainId;
            command.Parameters["$p"].Value = (object?)write.Payload ?? DBNull.Value;
            if (write.ExpectedVersion is { } expected)
            {
                command.Parameters["$v"].Value = expected;
            }

            versions[i] = await command.ExecuteScalarAsync(ct) is long version ? checked((int)version) : null;
            if (versions[i] is not null)
            {
                await entries.ApplyAsync(write, ct);
            }
        }

        await transaction.CommitAsync(ct);
        return versions;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the data source is shared with the reminders

    private SqliteCommand Prepare(
        SqliteConnection connection, SqliteTransaction transaction, string sql, bool withVersion, bool withPayload = true, bool withEntryKey = false)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.Add("$n", SqliteType.Text);
        command.Parameters.Add("$g", SqliteType.Text);
        if (withPayload)
        {
            command.Parameters.Add("$p", SqliteType.Blob);
        }

        if (withVersion)
        {
            command.Parameters.Add("$v", SqliteType.Integer);
        }

        if (withEntryKey)
        {
            command.Parameters.Add("$k", SqliteType.Text);
        }

        command.Prepare();
        return command;
    }

    /// <summary>The entry-row statements of one batch, prepared on first use (most batches carry no entries).</summary>
    private sealed class EntryCommands(SqliteGroupCommitStore store, SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        private SqliteCommand? _put;
        private SqliteCommand? _delete;
        private SqliteCommand? _clear;

        public async Task ApplyAsync(PendingWrite write, CancellationToken ct)
        {
            if (write.Payload is null)
            {
                _clear ??= store.Prepare(connection, transaction, ClearEntriesSql, withVersion: false, withPayload: false);
                await ExecuteAsync(_clear, write, key: null, payload: null, ct);
                return;
            }

            foreach (var entry in write.Entries)
            {
                var command = entry.Payload is null
                    ? _delete ??= store.Prepare(connection, transaction, DeleteEntrySql, withVersion: false, withPayload: false, withEntryKey: true)
                    : _put ??= store.Prepare(connection, transaction, PutEntrySql, withVersion: false, withEntryKey: true);
                await ExecuteAsync(command, write, entry.Key, entry.Payload, ct);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { _put, _delete, _clear })
            {
                if (command is not null)
                {
                    await command.DisposeAsync();
                }
            }
        }

        private static async Task ExecuteAsync(SqliteCommand command, PendingWrite write, string? key, byte[]? payload, CancellationToken ct)
        {
            command.Parameters["$n"].Value = write.Key.StateName;
            command.Parameters["$g"].Value = write.Key.GrainId;
            if (key is not null)
            {
                command.Parameters["$k"].Value = key;
            }

            if (payload is not null)
            {
                command.Parameters["$p"].Value = payload;
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
