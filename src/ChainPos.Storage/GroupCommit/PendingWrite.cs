namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// One caller's write waiting for its batch: a version-checked update (<see cref="ExpectedVersion"/> set) or a
/// first insert (<see cref="ExpectedVersion"/> null). A null <see cref="Payload"/> clears the state but keeps
/// the row and its version chain. <see cref="Completion"/> completes only after the batch's COMMIT returned:
/// with the new version, with null when the expected version did not match, or with the batch's exception.
/// <see cref="Entries"/> are the state's <see cref="LedgerMap{TValue}"/> entry rows to put or delete with the row, in the same
/// transaction and only if the row's version matched; clearing the state deletes all of the grain's entry rows.
/// </summary>
internal sealed class PendingWrite(GrainStateKey key, int? expectedVersion, byte[]? payload, IReadOnlyList<LedgerEntryWrite>? entries = null)
{
    public GrainStateKey Key { get; } = key;

    public int? ExpectedVersion { get; } = expectedVersion;

    public byte[]? Payload { get; } = payload;

    public IReadOnlyList<LedgerEntryWrite> Entries { get; } = entries ?? [];

    public TaskCompletionSource<int?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
