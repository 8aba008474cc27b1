namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// One caller's write waiting for its batch: a version-checked update (<see cref="ExpectedVersion"/> set) or a
/// first insert (<see cref="ExpectedVersion"/> null). A null <see cref="Payload"/> clears the state but keeps
/// the row and its version chain. <see cref="Completion"/> completes only after the batch's COMMIT returned:
/// with the new version, with null when the expected version did not match, or with the batch's exception.
/// </summary>
internal sealed class PendingWrite(GrainStateKey key, int? expectedVersion, byte[]? payload)
{
    public GrainStateKey Key { get; } = key;

    public int? ExpectedVersion { get; } = expectedVersion;

    public byte[]? Payload { get; } = payload;

    public TaskCompletionSource<int?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
