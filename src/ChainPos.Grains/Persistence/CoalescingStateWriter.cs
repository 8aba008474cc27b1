using System.Diagnostics;

namespace ChainPos.Grains.Persistence;

/// <summary>
/// Lets the calls of a reentrant grain share durable writes. A call changes the grain's state in memory, then awaits
/// <see cref="WriteAsync"/>; it resumes only after a write that started <em>after</em> its change has completed, so its
/// change is durable before it answers. Calls that arrive while a write is in flight all join the next write: a hot
/// grain does one write per batch of callers instead of one per caller, and each caller still waits for its own
/// data's commit. With a minimum interval, a write starts no sooner than that after the previous one started: for a
/// derived index fed by many senders, whose callers can wait (they are off every customer's path), this caps the
/// grain's writes per second whatever the rate of changes. With <see cref="WriteWithinAsync"/> a caller that can wait
/// (an outbox delivery, replayed by its sender until it is acknowledged) lets the write wait up to a window for more
/// changes to share it; a caller of <see cref="WriteAsync"/> starts the write at once and carries those changes with it.
/// </summary>
/// <remarks>
/// <para>The storage provider must take its copy of the state in the grain's turn, before its first await: calls
/// interleave while a write waits for the database, and their changes belong to the next write. ChainPos' group-commit
/// provider serializes first; the ADO.NET provider does not (it serializes after opening a connection, on another
/// thread), so ChainPos reaches it through <c>SnapshotGrainStorage</c>, which deep-copies the state first.</para>
/// <para>A failed write leaves memory ahead of the database with an unknown ETag. The writer then fails that batch and
/// every later write with a <see cref="StorageFailureException"/> (UNAVAILABLE at the gateway), and calls <c>onFailure</c> (the grain deactivates
/// itself there), so the next activation starts again from what is durable. Callers retry with the same ids; the
/// grain's de-duplication makes that safe whichever of their changes did reach the database.</para>
/// </remarks>
public sealed class CoalescingStateWriter
{
    private readonly Func<Task> _write;
    private readonly Action<Exception> _onFailure;
    private readonly TimeSpan _minInterval;
    private readonly Lock _gate = new();
    private long _lastStart; // Stopwatch timestamp of the last write's start (0: none yet, long ago on the monotonic clock)
    private TaskCompletionSource? _next;
    private bool _nextUrgent; // a caller of WriteAsync is in _next: no waiting for the window
    private long _nextDeadline; // Stopwatch timestamp by which _next must start (only deferred callers in it)
    private TaskCompletionSource? _wake; // completed to cut a window short when an urgent caller joins
    private bool _writing;
    private Exception? _failure;

    public CoalescingStateWriter(Func<Task> write, Action<Exception> onFailure, TimeSpan minInterval = default)
    {
        _write = write;
        _onFailure = onFailure;
        _minInterval = minInterval;
    }

    /// <summary>Writes done since this writer was made (for metrics and tests).</summary>
    public long Writes { get; private set; }

    /// <summary>True after a write failed: the grain's memory can no longer be trusted.</summary>
    public bool Failed
    {
        get
        {
            lock (_gate)
            {
                return _failure is not null;
            }
        }
    }

    /// <summary>Throws when a write has failed, so a call refuses before it changes state that cannot be written.</summary>
    public void ThrowIfFailed()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw Failure(_failure);
            }
        }
    }

    /// <summary>Completes when the state as it is now is durable (or fails with the write that should have stored it).</summary>
    public Task WriteAsync() => Join(TimeSpan.Zero);

    /// <summary>
    /// Completes when the state as it is now is durable, like <see cref="WriteAsync"/>, but the write may wait up to
    /// <paramref name="window"/> for more changes to share it (an earlier <see cref="WriteAsync"/> caller cuts the wait
    /// short). Only for callers whose sender keeps the change and sends it again until this completes: the change is
    /// visible in memory at once, and lost with the activation if it ends before the write.
    /// </summary>
    public Task WriteWithinAsync(TimeSpan window) => Join(window);

    private Task Join(TimeSpan window)
    {
        TaskCompletionSource batch;
        bool start;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException(Failure(_failure));
            }

            var fresh = _next is null;
            batch = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (window <= TimeSpan.Zero)
            {
                _nextUrgent = true;
                _wake?.TrySetResult();
            }
            else
            {
                var deadline = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
                _nextDeadline = fresh ? deadline : Math.Min(_nextDeadline, deadline);
            }

            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = PumpAsync();
        }

        return batch.Task;
    }

    /// <summary>
    /// Completes when what is in memory now is durable: at once when no write is in flight or queued, else with the
    /// next write. For a call that changes nothing but must not answer before an earlier caller's change is stored.
    /// </summary>
    public Task WhenDurableAsync()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException(Failure(_failure));
            }

            if (!_writing)
            {
                return Task.CompletedTask;
            }
        }

        return WriteAsync();
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            if (_minInterval > TimeSpan.Zero
                && Stopwatch.GetElapsedTime(_lastStart) is var since && since < _minInterval)
            {
                // Changes arriving meanwhile join this write (the await resumes on the grain's scheduler).
                await Task.Delay(WholeMilliseconds((long)((_minInterval - since).TotalSeconds * Stopwatch.Frequency)));
            }

            TaskCompletionSource? batch = null;
            Task? window = null;
            lock (_gate)
            {
                if (_next is null)
                {
                    _writing = false;
                    return;
                }

                var wait = _nextUrgent ? 0 : _nextDeadline - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    window = Task.WhenAny(Task.Delay(WholeMilliseconds(wait)), _wake.Task);
                }
                else
                {
                    batch = _next;
                    _next = null;
                    _nextUrgent = false;
                    _wake = null;
                }
            }

            if (batch is null)
            {
                // Deferred callers only: changes arriving meanwhile join this write; an urgent caller ends the wait.
                await window!;
                continue;
            }

            try
            {
                _lastStart = Stopwatch.GetTimestamp();
                await _write();
                Writes++;
                batch.TrySetResult();
            }
            catch (Exception e)
            {
                var failure = Failure(e);
                TaskCompletionSource? waiting;
                lock (_gate)
                {
                    _failure = e;
                    waiting = _next;
                    _next = null;
                    _nextUrgent = false;
                    _writing = false;
                }

                batch.TrySetException(failure);
                waiting?.TrySetException(failure);
                _onFailure(e);
                return;
            }
        }
    }

    // Task.Delay truncates to whole milliseconds: a wait of 0.4 ms would complete at once and the loop would spin
    // (allocating a delay and a WhenAny per lap) until the deadline passed. Round up instead.
    internal static TimeSpan WholeMilliseconds(long stopwatchTicks) =>
        TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(stopwatchTicks * 1000.0 / Stopwatch.Frequency)));

    // The original may be a provider exception with no Orleans codec: callers get a serializable one with its message.
    private static StorageFailureException Failure(Exception e) =>
        new($"The grain's state could not be written ({e.Message}); it is reloaded from storage on the next call. Retry with the same id.");
}
