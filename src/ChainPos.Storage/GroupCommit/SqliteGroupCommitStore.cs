using Microsoft.Data.Sqlite;

namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// SQLite side of the group commit: a batch is one <c>BEGIN IMMEDIATE</c> transaction on a connection from the
/// file's one-writer gate (shared with the ADO.NET reminders), one prepared statement per write (microseconds
/// each) and one COMMIT, which is where the fsync cost is. One batch at a time: SQLite has one writer.
/// </summary>
internal sealed class SqliteGroupCommitStore(SqliteGatedDataSource dataSource, string serviceId) : IGroupCommitStore
{
    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

    private const string ReadSql =
        "SELECT payload, version FROM pos_grain_state_gc WHERE service_id = $s AND state_name = $n AND grain_id = $g";

    private const string UpdateSql =
        "UPDATE pos_grain_state_gc SET payload = $p, version = version + 1, modified_at = " + Now
        + " WHERE service_id = $s AND state_name = $n AND grain_id = $g AND version = $v RETURNING version";

    private const string InsertSql =
        "INSERT INTO pos_grain_state_gc (service_id, state_name, grain_id, payload, version) VALUES ($s, $n, $g, $p, 1)"
        + " ON CONFLICT DO NOTHING RETURNING version";

    public int MaxConcurrentBatches => 1;

    public async Task CheckSchemaAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM pos_grain_state_gc LIMIT 0";
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.CommandText = ReadSql;
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.AddWithValue("$n", key.StateName);
        command.Parameters.AddWithValue("$g", key.GrainId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StoredGrainState(reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetInt32(1))
            : null;
    }

    public async Task<int?[]> CommitAsync(IReadOnlyList<PendingWrite> writes, CancellationToken ct)
    {
        await using var connection = (SqliteConnection)await dataSource.OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var update = Prepare(connection, transaction, UpdateSql, withVersion: true);
        await using var insert = Prepare(connection, transaction, InsertSql, withVersion: false);

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
        }

        await transaction.CommitAsync(ct);
        return versions;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the data source is shared with the reminders

    private SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, bool withVersion)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.Add("$n", SqliteType.Text);
        command.Parameters.Add("$g", SqliteType.Text);
        command.Parameters.Add("$p", SqliteType.Blob);
        if (withVersion)
        {
            command.Parameters.Add("$v", SqliteType.Integer);
        }

        command.Prepare();
        return command;
    }
}
