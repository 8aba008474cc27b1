namespace ChainPos.Storage.GroupCommit;

/// <summary>How large a batch may grow and how many batches may commit at once.</summary>
/// <param name="MaxWrites">Most writes in one batch.</param>
/// <param name="MaxBytes">A batch stops taking writes once its payloads reach this many bytes (it always takes one).</param>
/// <param name="MaxConcurrentBatches">Most batches committing at the same time (the store may allow fewer).</param>
internal sealed record GroupCommitLimits(int MaxWrites, int MaxBytes, int MaxConcurrentBatches)
{
    public const int DefaultMaxBytes = 4 * 1024 * 1024;

    public static GroupCommitLimits From(ChainPosStorageOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GroupCommitMaxBatchWrites, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GroupCommitMaxConcurrentBatches, 1, nameof(options));
        return new GroupCommitLimits(options.GroupCommitMaxBatchWrites, DefaultMaxBytes, options.GroupCommitMaxConcurrentBatches);
    }
}
