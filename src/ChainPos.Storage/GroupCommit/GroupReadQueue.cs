using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ChainPos.Storage.GroupCommit;

/// <summary>One caller's read waiting for its batch.</summary>
internal sealed class PendingRead(GrainStateKey key, bool withEntries)
{
    public GrainStateKey Key { get; } = key;

    public bool WithEntries { get; } = withEntries;

    public TaskCompletionSource<StoredGrainState?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Activation reads that share round trips: a read goes to the database at once while a batch slot is free; reads
/// that arrive while every slot is busy wait and then go together, as one statement. Under load (a flash sale
/// activating a new order grain per call, a chain day activating a sale record per sale) that turns hundreds of
/// single-row queries a second into a few dozen; idle, a read costs what it did. Reads never wait for writes.
/// </summary>
internal sealed partial class GroupReadQueue : IAsyncDisposable
{
    private readonly Channel<PendingRead> _channel =
        Channel.CreateUnbounded<PendingRead>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IGroupCommitStore _store;
    private readonly int _maxReads;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly Task _loop;
    private long _batches;
    private long _reads;

    public GroupReadQueue(IGroupCommitStore store, int maxReads, int maxConcurrentBatches, ILogger logger)
    {
        _store = store;
        _maxReads = maxReads;
        _logger = logger;
        _slots = new SemaphoreSlim(maxConcurrentBatches);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Statements run so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Reads answered so far.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Queues a read; completes with the row (and its entries if asked for), or null when there is none.</summary>
    /// <exception cref="InvalidOperationException">The storage is stopped.</exception>
    public Task<StoredGrainState?> ReadAsync(GrainStateKey key, bool withEntries, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var read = new PendingRead(key, withEntries);
        if (!_channel.Writer.TryWrite(read))
        {
            throw new InvalidOperationException("The group-commit grain storage is stopped; the read was not queued.");
        }

        return ct.CanBeCanceled ? read.Completion.Task.WaitAsync(ct) : read.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop;
        _slots.Dispose();
    }

    private async Task RunAsync()
    {
        var running = new List<Task>();
        while (await _channel.Reader.WaitToReadAsync())
        {
            await _slots.WaitAsync();
            var batch = new List<PendingRead>();
            while (batch.Count < _maxReads && _channel.Reader.TryRead(out var read))
            {
                batch.Add(read);
            }

            if (batch.Count == 0)
            {
                _slots.Release();
                continue;
            }

            running.RemoveAll(static t => t.IsCompleted);
            running.Add(ReadBatchAsync(batch));
        }

        await Task.WhenAll(running);
    }

    private async Task ReadBatchAsync(List<PendingRead> batch)
    {
        try
        {
            var rows = await _store.ReadManyAsync(batch, CancellationToken.None);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _reads, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(rows[i]);
            }
        }
        catch (Exception e)
        {
            LogBatchFailed(_logger, e, batch.Count);
            foreach (var read in batch)
            {
                read.Completion.TrySetException(e);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Group read of {Count} grain states failed; each of those activations fails")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
