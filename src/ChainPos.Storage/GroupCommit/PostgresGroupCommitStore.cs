using Npgsql;
using NpgsqlTypes;

namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// PostgreSQL side of the group commit: a whole batch is ONE statement (one round trip, one implicit
/// transaction and commit) over <c>unnest()</c> arrays: a version-checked UPDATE for writes with an ETag and an
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> for first writes; it returns the position and new version of every
/// write that took effect. Under READ COMMITTED a concurrent change of the same row is re-checked after its
/// commit, so a stale version or a lost first-insert race simply returns no row for that write. A write's
/// <see cref="LedgerMap{TValue}"/> entry rows (<c>pos_grain_entry_gc</c>) are put or deleted by the same statement, joined
/// to the writes that took effect, so a write whose version did not match changes none of them. Every lookup of an
/// entry row is one index probe per input row (LATERAL, OFFSET 0; deletes by the probed ctids): with the planner's
/// generic plan and a stale row estimate, a plain join deleted through a scan of every entry row of the service.
/// </summary>
internal sealed class PostgresGroupCommitStore : IGroupCommitStore
{
    private const string ReadSql =
        "SELECT payload, version FROM pos_grain_state_gc WHERE service_id = $1 AND state_name = $2 AND grain_id = $3";

    // One statement, one snapshot: the row (version not null) and its entry rows (version null).
    private const string ReadWithEntriesSql = """
        SELECT payload, version, NULL::text FROM pos_grain_state_gc WHERE service_id = $1 AND state_name = $2 AND grain_id = $3
        UNION ALL
        SELECT payload, NULL, entry_key FROM pos_grain_entry_gc WHERE service_id = $1 AND state_name = $2 AND grain_id = $3
        """;

    // Many reads in one statement (one snapshot): the rows, then the entry rows of the reads that asked for them. Each
    // read is its own index lookup (LATERAL, kept from being flattened by OFFSET 0): the planner cannot size unnest()
    // and, joining, chose a hash join over a sequential scan of the whole entry table (18 ms a batch at 16k entries).
    private const string ReadManySql = """
        WITH input AS (
          SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::bool[]) AS t(ord, state_name, grain_id, with_entries))
        SELECT i.ord, g.payload, g.version, NULL::text
          FROM input AS i CROSS JOIN LATERAL (
            SELECT payload, version FROM pos_grain_state_gc
             WHERE service_id = $1 AND state_name = i.state_name AND grain_id = i.grain_id OFFSET 0) AS g
        UNION ALL
        SELECT i.ord, e.payload, NULL, e.entry_key
          FROM input AS i CROSS JOIN LATERAL (
            SELECT payload, entry_key FROM pos_grain_entry_gc
             WHERE service_id = $1 AND state_name = i.state_name AND grain_id = i.grain_id OFFSET 0) AS e
         WHERE i.with_entries
        """;

    // The version-checked UPDATE finds each row by its own index probe and updates it by ctid. Joined to the batch
    // directly, the planner (sizing the batch CTE at 10 rows and a young table at a handful) chose a nested loop over
    // an index scan of every row of the service, materialized: 5,600 rows and ~4,600 buffers a batch in a flash sale,
    // despite the session settings below. A row updated meanwhile by another silo fails the ctid recheck, as it would
    // fail the version check: that write reports a conflict.
    private const string WriteSql = """
        WITH input AS (
          SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::bytea[])
                   AS t(ord, state_name, grain_id, expected, payload)),
        updated AS (
          UPDATE pos_grain_state_gc AS g
             SET payload = m.payload, version = g.version + 1, modified_at = now()
            FROM (SELECT i.ord, i.payload, i.expected, x.ctid AS row_id
                    FROM input AS i CROSS JOIN LATERAL (
                      SELECT ctid FROM pos_grain_state_gc
                       WHERE service_id = $1 AND state_name = i.state_name AND grain_id = i.grain_id OFFSET 0) AS x
                   WHERE i.expected IS NOT NULL) AS m
           WHERE g.ctid = m.row_id AND g.version = m.expected
          RETURNING m.ord, g.version),
        inserted AS (
          INSERT INTO pos_grain_state_gc (service_id, state_name, grain_id, payload, version)
          SELECT $1, i.state_name, i.grain_id, i.payload, 1 FROM input AS i WHERE i.expected IS NULL
          ON CONFLICT DO NOTHING
          RETURNING state_name, grain_id, version),
        done AS (
          SELECT ord, version FROM updated
          UNION ALL
          SELECT i.ord, n.version FROM inserted AS n
            JOIN input AS i ON i.expected IS NULL AND i.state_name = n.state_name AND i.grain_id = n.grain_id),
        entries AS (
          SELECT e.entry_key, e.payload, i.state_name, i.grain_id
            FROM unnest($7::int[], $8::text[], $9::bytea[]) AS e(ord, entry_key, payload)
            JOIN done AS d ON d.ord = e.ord JOIN input AS i ON i.ord = e.ord),
        put AS (
          INSERT INTO pos_grain_entry_gc (service_id, state_name, grain_id, entry_key, payload)
          SELECT $1, state_name, grain_id, entry_key, payload FROM entries WHERE payload IS NOT NULL
          ON CONFLICT (service_id, state_name, grain_id, entry_key) DO UPDATE SET payload = EXCLUDED.payload),
        removed AS (
          DELETE FROM pos_grain_entry_gc WHERE ctid = ANY (ARRAY(
            SELECT x.ctid FROM entries AS e CROSS JOIN LATERAL (
              SELECT ctid FROM pos_grain_entry_gc
               WHERE service_id = $1 AND state_name = e.state_name AND grain_id = e.grain_id AND entry_key = e.entry_key
              OFFSET 0) AS x
             WHERE e.payload IS NULL))),
        cleared AS (
          DELETE FROM pos_grain_entry_gc WHERE ctid = ANY (ARRAY(
            SELECT x.ctid FROM done AS d JOIN input AS i ON i.ord = d.ord CROSS JOIN LATERAL (
              SELECT ctid FROM pos_grain_entry_gc
               WHERE service_id = $1 AND state_name = i.state_name AND grain_id = i.grain_id OFFSET 0) AS x
             WHERE i.payload IS NULL)))
        SELECT ord, version FROM done
        """;

    // Deadlock / serialization failure: PostgreSQL rolled the whole statement back, so running it again is safe.
    // Within one provider the batches in flight never share a key; this only happens against another silo.
    private const int MaxAttempts = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;

    public PostgresGroupCommitStore(string connectionString, string serviceId, int maxConcurrentBatches)
    {
        _dataSource = NpgsqlDataSource.Create(KeyLookupsOnly(connectionString));
        _serviceId = serviceId;
        MaxConcurrentBatches = maxConcurrentBatches;
    }

    public int MaxConcurrentBatches { get; }

    /// <summary>
    /// This store's sessions only ever look rows up by their full key. While a table is young its statistics say it is
    /// nearly empty, and the planner then chose to scan every row of the service per batch (a hash join over a
    /// bitmap or sequential scan): fine at 10 rows, a flash sale's ceiling at 10,000. Scans and hash or merge joins are
    /// made a last resort for these sessions, so every statement stays index probes whatever the statistics say.
    /// </summary>
    internal static string KeyLookupsOnly(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        const string Planner = "-c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off -c enable_bitmapscan=off";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? Planner : $"{builder.Options} {Planner}";
        return builder.ConnectionString;
    }

    public int MaxConcurrentReadBatches => 4;

    public async Task CheckSchemaAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1 FROM pos_grain_state_gc LIMIT 0");
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, bool withEntries, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(withEntries ? ReadWithEntriesSql : ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!withEntries)
        {
            return await reader.ReadAsync(ct)
                ? new StoredGrainState(reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetInt32(1))
                : null;
        }

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

    public async Task<StoredGrainState?[]> ReadManyAsync(IReadOnlyList<PendingRead> reads, CancellationToken ct)
    {
        if (reads.Count == 1)
        {
            return [await ReadAsync(reads[0].Key, reads[0].WithEntries, ct)];
        }

        var count = reads.Count;
        var (ords, stateNames, grainIds, withEntries) = (new int[count], new string[count], new string[count], new bool[count]);
        for (var i = 0; i < count; i++)
        {
            (ords[i], stateNames[i], grainIds[i], withEntries[i]) = (i, reads[i].Key.StateName, reads[i].Key.GrainId, reads[i].WithEntries);
        }

        await using var command = _dataSource.CreateCommand(ReadManySql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = ords });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = stateNames });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = grainIds });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = withEntries });
        var rows = new (byte[]? Payload, int Version)?[count];
        var entries = new List<StoredLedgerEntry>?[count];
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var ord = reader.GetInt32(0);
                var payload = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
                if (reader.IsDBNull(2))
                {
                    (entries[ord] ??= []).Add(new StoredLedgerEntry(reader.GetString(3), payload!));
                }
                else
                {
                    rows[ord] = (payload, reader.GetInt32(2));
                }
            }
        }

        var result = new StoredGrainState?[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = rows[i] is { } r ? new StoredGrainState(r.Payload, r.Version, (IReadOnlyList<StoredLedgerEntry>?)entries[i] ?? []) : null;
        }

        return result;
    }

    public async Task<int?[]> CommitAsync(IReadOnlyList<PendingWrite> writes, CancellationToken ct)
    {
        var count = writes.Count;
        var (ords, stateNames, grainIds, expected, payloads) =
            (new int[count], new string[count], new string[count], new int?[count], new byte[]?[count]);
        var entries = new EntryArrays(writes.Sum(w => w.Entries.Count));
        for (var i = 0; i < count; i++)
        {
            ords[i] = i;
            stateNames[i] = writes[i].Key.StateName;
            grainIds[i] = writes[i].Key.GrainId;
            expected[i] = writes[i].ExpectedVersion;
            payloads[i] = writes[i].Payload;
            entries.Add(i, writes[i].Entries);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteAsync(count, ords, stateNames, grainIds, expected, payloads, entries, ct);
            }
            catch (PostgresException e) when (attempt < MaxAttempts
                && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
            }
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<int?[]> ExecuteAsync(
        int count, int[] ords, string[] stateNames, string[] grainIds, int?[] expected, byte[]?[] payloads, EntryArrays entries, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(WriteSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = ords });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = stateNames });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = grainIds });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = expected });
        command.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = entries.Ords });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entries.Keys });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });

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

    /// <summary>The batch's entry rows as the statement's parallel arrays (position of the owning write, key, JSON or null).</summary>
    private sealed class EntryArrays(int count)
    {
        private int _next;

        public int[] Ords { get; } = new int[count];

        public string[] Keys { get; } = new string[count];

        public byte[]?[] Payloads { get; } = new byte[]?[count];

        public void Add(int ord, IReadOnlyList<LedgerEntryWrite> entries)
        {
            foreach (var entry in entries)
            {
                (Ords[_next], Keys[_next], Payloads[_next]) = (ord, entry.Key, entry.Payload);
                _next++;
            }
        }
    }
}
