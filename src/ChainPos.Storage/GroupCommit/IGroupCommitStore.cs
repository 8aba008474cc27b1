namespace ChainPos.Storage.GroupCommit;

/// <summary>The database side of the group-commit grain storage (one implementation per database).</summary>
internal interface IGroupCommitStore : IAsyncDisposable
{
    /// <summary>How many batches may be committing at the same time.</summary>
    int MaxConcurrentBatches { get; }

    /// <summary>How many read statements may run at once before reads wait and share one; 0 = every read on its own.</summary>
    int MaxConcurrentReadBatches { get; }

    /// <summary>Fails fast when the schema (table <c>pos_grain_state_gc</c>) is missing.</summary>
    Task CheckSchemaAsync(CancellationToken ct);

    /// <summary>
    /// Reads one row; null when there is none. <paramref name="withEntries"/>: also its <see cref="LedgerMap{TValue}"/> entry
    /// rows, read in the same statement (one snapshot).
    /// </summary>
    Task<StoredGrainState?> ReadAsync(GrainStateKey key, bool withEntries, CancellationToken ct);

    /// <summary>Reads several rows (each with its entries if asked for) in one statement; per read, in order, its row or null.</summary>
    Task<StoredGrainState?[]> ReadManyAsync(IReadOnlyList<PendingRead> reads, CancellationToken ct);

    /// <summary>
    /// Applies every write in one transaction and returns after its COMMIT: per write, in order, the new version,
    /// or null when its expected version did not match (that write changed nothing). Throws when the transaction
    /// failed; then nothing of the batch is acknowledged. The batch never holds two writes of one key.
    /// </summary>
    Task<int?[]> CommitAsync(IReadOnlyList<PendingWrite> writes, CancellationToken ct);
}

/// <summary>A stored row: the JSON payload (null once cleared), its version (the ETag) and its entry rows if asked for.</summary>
internal sealed record StoredGrainState(byte[]? Payload, int Version, IReadOnlyList<StoredLedgerEntry> Entries)
{
    public StoredGrainState(byte[]? payload, int version)
        : this(payload, version, [])
    {
    }
}
