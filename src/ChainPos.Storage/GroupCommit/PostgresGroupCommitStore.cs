using Npgsql;
using NpgsqlTypes;

namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// PostgreSQL side of the group commit: a whole batch is ONE statement (one round trip, one implicit
/// transaction and commit) over <c>unnest()</c> arrays: a version-checked UPDATE for writes with an ETag and an
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> for first writes; it returns the position and new version of every
/// write that took effect. Under READ COMMITTED a concurrent change of the same row is re-checked after its
/// commit, so a stale version or a lost first-insert race simply returns no row for that write.
/// </summary>
internal sealed class PostgresGroupCommitStore : IGroupCommitStore
{
    private const string ReadSql =
        "SELECT payload, version FROM pos_grain_state_gc WHERE service_id = $1 AND state_name = $2 AND grain_id = $3";

    private const string WriteSql = """
        WITH input AS (
          SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::bytea[])
                   AS t(ord, state_name, grain_id, expected, payload)),
        updated AS (
          UPDATE pos_grain_state_gc AS g
             SET payload = i.payload, version = g.version + 1, modified_at = now()
            FROM input AS i
           WHERE i.expected IS NOT NULL AND g.service_id = $1 AND g.state_name = i.state_name
             AND g.grain_id = i.grain_id AND g.version = i.expected
          RETURNING i.ord, g.version),
        inserted AS (
          INSERT INTO pos_grain_state_gc (service_id, state_name, grain_id, payload, version)
          SELECT $1, i.state_name, i.grain_id, i.payload, 1 FROM input AS i WHERE i.expected IS NULL
          ON CONFLICT DO NOTHING
          RETURNING state_name, grain_id, version)
        SELECT ord, version FROM updated
        UNION ALL
        SELECT i.ord, n.version FROM inserted AS n
          JOIN input AS i ON i.expected IS NULL AND i.state_name = n.state_name AND i.grain_id = n.grain_id
        """;

    // Deadlock / serialization failure: PostgreSQL rolled the whole statement back, so running it again is safe.
    // Within one provider the batches in flight never share a key; this only happens against another silo.
    private const int MaxAttempts = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;

    public PostgresGroupCommitStore(string connectionString, string serviceId, int maxConcurrentBatches)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _serviceId = serviceId;
        MaxConcurrentBatches = maxConcurrentBatches;
    }

    public int MaxConcurrentBatches { get; }

    public async Task CheckSchemaAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1 FROM pos_grain_state_gc LIMIT 0");
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StoredGrainState(reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetInt32(1))
            : null;
    }

    public async Task<int?[]> CommitAsync(IReadOnlyList<PendingWrite> writes, CancellationToken ct)
    {
        var count = writes.Count;
        var (ords, stateNames, grainIds, expected, payloads) =
            (new int[count], new string[count], new string[count], new int?[count], new byte[]?[count]);
        for (var i = 0; i < count; i++)
        {
            ords[i] = i;
            stateNames[i] = writes[i].Key.StateName;
            grainIds[i] = writes[i].Key.GrainId;
            expected[i] = writes[i].ExpectedVersion;
            payloads[i] = writes[i].Payload;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteAsync(count, ords, stateNames, grainIds, expected, payloads, ct);
            }
            catch (PostgresException e) when (attempt < MaxAttempts
                && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
            }
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<int?[]> ExecuteAsync(
        int count, int[] ords, string[] stateNames, string[] grainIds, int?[] expected, byte[]?[] payloads, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(WriteSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = ords });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = stateNames });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = grainIds });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = expected });
        command.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });

        var versions = new int?[count];
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            versions[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        // The implicit transaction commits at the protocol's Sync, after the rows: closing the reader waits for
        // ReadyForQuery, so a COMMIT that fails (e.g. a deferred constraint) throws here and nothing is acknowledged.
        await reader.CloseAsync();
        return versions;
    }
}
