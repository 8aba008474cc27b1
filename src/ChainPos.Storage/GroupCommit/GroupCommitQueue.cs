using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// The group-commit writer: callers enqueue and wait; one loop takes everything queued (up to the limits) into a
/// batch, hands it to the store as one transaction and, once the COMMIT returned, completes each caller. While
/// a batch commits the next one fills; up to <see cref="GroupCommitLimits.MaxConcurrentBatches"/> batches commit
/// at once. A key is never in two batches at the same time: a write whose key is in flight (or already in the
/// batch being built) waits for a later batch, so writes of one key commit in the order they were queued.
/// </summary>
internal sealed partial class GroupCommitQueue : IAsyncDisposable
{
    private readonly Channel<PendingWrite> _channel =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IGroupCommitStore _store;
    private readonly GroupCommitLimits _limits;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _lock = new();
    private readonly HashSet<GrainStateKey> _inFlight = [];
    private readonly List<PendingWrite> _held = []; // touched by the loop only
    private readonly Task _loop;
    private TaskCompletionSource _progress = NewSignal();
    private volatile TaskCompletionSource _resumed = CompletedSignal();
    private long _committedBatches;
    private long _committedWrites;
    private long _failedBatches;

    public GroupCommitQueue(IGroupCommitStore store, GroupCommitLimits limits, ILogger logger)
    {
        _store = store;
        _limits = limits;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Min(limits.MaxConcurrentBatches, store.MaxConcurrentBatches));
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>Writes acknowledged (committed, conflicting ones included) so far.</summary>
    public long CommittedWrites => Interlocked.Read(ref _committedWrites);

    /// <summary>Transactions that failed (every write in them failed) so far.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>Queues <paramref name="write"/>; the task completes as <see cref="PendingWrite.Completion"/> does.</summary>
    /// <exception cref="InvalidOperationException">The queue is stopping or stopped.</exception>
    public Task<int?> EnqueueAsync(PendingWrite write)
    {
        if (!_channel.Writer.TryWrite(write))
        {
            throw new InvalidOperationException("The group-commit grain storage is stopped; the write was not queued.");
        }

        return write.Completion.Task;
    }

    /// <summary>Test hook: the loop builds no new batch until <see cref="Resume"/> (call it while the queue is idle).</summary>
    internal void Pause() => _resumed = NewSignal();

    /// <summary>Test hook: lets the loop build batches again.</summary>
    internal void Resume() => _resumed.TrySetResult();

    /// <summary>
    /// Takes no new writes and commits everything already queued. If <paramref name="ct"/> fires first, writes
    /// not yet in a batch fail with <see cref="OperationCanceledException"/> and running batches are cancelled
    /// (their callers see the failure; a cancelled batch may or may not have committed, as with any lost connection).
    /// </summary>
    public async Task StopAsync(CancellationToken ct)
    {
        _channel.Writer.TryComplete();
        Resume();
        try
        {
            await _loop.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            LogStopCancelled(_logger);
            await _abort.CancelAsync();
            await _loop;
        }
    }

    /// <summary>Stops (see <see cref="StopAsync"/>, without a deadline) and releases the queue's resources.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _abort.Dispose();
        _slots.Dispose();
    }

    private async Task RunAsync()
    {
        var running = new List<Task>();
        while (true)
        {
            await _slots.WaitAsync();
            var batch = await CollectAsync();
            if (batch is null)
            {
                _slots.Release();
                break;
            }

            running.RemoveAll(static t => t.IsCompleted);
            running.Add(CommitAsync(batch));
        }

        await Task.WhenAll(running);
    }

    // Null when the channel is complete and nothing is left (or the stop was cancelled: then every remaining
    // write has been failed).
    private async Task<List<PendingWrite>?> CollectAsync()
    {
        while (true)
        {
            await _resumed.Task;
            if (_abort.IsCancellationRequested)
            {
                FailRemaining();
                return null;
            }

            var (batch, progress) = TakeBatch();
            if (batch.Count > 0)
            {
                return batch;
            }

            if (_held.Count == 0)
            {
                if (!await _channel.Reader.WaitToReadAsync())
                {
                    return null;
                }
            }
            else if (_channel.Reader.Completion.IsCompleted)
            {
                await progress; // only held writes are left: wait for their key's batch to finish
            }
            else
            {
                await Task.WhenAny(_channel.Reader.WaitToReadAsync().AsTask(), progress);
            }
        }
    }

    private (List<PendingWrite> Batch, Task Progress) TakeBatch()
    {
        var batch = new List<PendingWrite>();
        var batchKeys = new HashSet<GrainStateKey>();
        var heldKeys = new HashSet<GrainStateKey>();
        var bytes = 0L;
        lock (_lock)
        {
            var progress = _progress.Task;
            for (var i = 0; i < _held.Count; i++)
            {
                var write = _held[i];
                if (IsFull() || _inFlight.Contains(write.Key) || heldKeys.Contains(write.Key) || !batchKeys.Add(write.Key))
                {
                    heldKeys.Add(write.Key);
                    continue;
                }

                Add(write);
                _held.RemoveAt(i--);
            }

            while (!IsFull() && _channel.Reader.TryRead(out var write))
            {
                if (_inFlight.Contains(write.Key) || heldKeys.Contains(write.Key) || !batchKeys.Add(write.Key))
                {
                    _held.Add(write); // behind a write of the same key: a later batch, in queue order
                    heldKeys.Add(write.Key);
                    continue;
                }

                Add(write);
            }

            _inFlight.UnionWith(batchKeys);
            return (batch, progress);
        }

        bool IsFull() => batch.Count >= _limits.MaxWrites || bytes >= _limits.MaxBytes;

        void Add(PendingWrite write)
        {
            batch.Add(write);
            bytes += write.Payload?.Length ?? 0;
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        int?[]? versions = null;
        Exception? failure = null;
        try
        {
            versions = await _store.CommitAsync(batch, _abort.Token);
            Interlocked.Increment(ref _committedBatches);
            Interlocked.Add(ref _committedWrites, batch.Count);
        }
        catch (Exception e)
        {
            failure = e;
            Interlocked.Increment(ref _failedBatches);
            LogBatchFailed(_logger, e, batch.Count);
        }
        finally
        {
            TaskCompletionSource progress;
            lock (_lock)
            {
                foreach (var write in batch)
                {
                    _inFlight.Remove(write.Key);
                }

                progress = _progress;
                _progress = NewSignal();
            }

            progress.TrySetResult();
            _slots.Release();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (failure is null)
            {
                batch[i].Completion.TrySetResult(versions![i]);
            }
            else
            {
                batch[i].Completion.TrySetException(failure);
            }
        }
    }

    private void FailRemaining()
    {
        var cancelled = new OperationCanceledException("The group-commit grain storage stopped before this write was committed.");
        foreach (var write in _held)
        {
            write.Completion.TrySetException(cancelled);
        }

        _held.Clear();
        while (_channel.Reader.TryRead(out var write))
        {
            write.Completion.TrySetException(cancelled);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource CompletedSignal()
    {
        var signal = NewSignal();
        signal.SetResult();
        return signal;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Group-commit batch of {Count} grain writes failed; every write in it fails (nothing of it was acknowledged)")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Group-commit grain storage stop was cancelled; writes not yet committed fail")]
    private static partial void LogStopCancelled(ILogger logger);
}
