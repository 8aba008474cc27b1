using ChainPos.Abstractions;
using ChainPos.Grains.Persistence;

namespace ChainPos.Grains.Tests;

public sealed class CoalescingStateWriterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A fake storage write that the test completes by hand, one write at a time.</summary>
    private sealed class ManualStorage : IDisposable
    {
        private readonly Queue<TaskCompletionSource> _started = new();
        private readonly SemaphoreSlim _signal = new(0);

        public int Started { get; private set; }

        public Task WriteAsync()
        {
            var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_started)
            {
                _started.Enqueue(write);
                Started++;
            }

            _signal.Release();
            return write.Task;
        }

        public void Dispose() => _signal.Dispose();

        public async Task<TaskCompletionSource> NextAsync()
        {
            Assert.True(await _signal.WaitAsync(Wait), "no write was started");
            lock (_started)
            {
                return _started.Dequeue();
            }
        }
    }

    [Fact]
    public async Task WriteAsync_WhileAWriteIsInFlight_JoinsOneNextWriteAndWaitsForIt()
    {
        using var storage = new ManualStorage();
        var writer = new CoalescingStateWriter(storage.WriteAsync, _ => { });

        var first = writer.WriteAsync();
        var firstWrite = await storage.NextAsync();
        var joined = Enumerable.Range(0, 5).Select(_ => writer.WriteAsync()).ToArray();

        firstWrite.SetResult();
        await first.WaitAsync(Wait);
        // The five changes came after the first write started: they must not be acknowledged by it.
        Assert.All(joined, task => Assert.False(task.IsCompleted));

        var secondWrite = await storage.NextAsync();
        secondWrite.SetResult();
        await Task.WhenAll(joined).WaitAsync(Wait);

        Assert.Equal(2, storage.Started);
        Assert.Equal(2, writer.Writes);
    }

    [Fact]
    public async Task WriteAsync_Idle_WritesAtOnceEachTime()
    {
        var count = 0;
        var writer = new CoalescingStateWriter(() => { count++; return Task.CompletedTask; }, _ => { });

        await writer.WriteAsync();
        await writer.WriteAsync();

        Assert.Equal(2, count);
    }

    [Fact]
    public async Task WriteAsync_WhenAWriteFails_FailsItsBatchTheWaitingBatchAndEveryLaterCall()
    {
        using var storage = new ManualStorage();
        var failures = new List<Exception>();
        var writer = new CoalescingStateWriter(storage.WriteAsync, failures.Add);

        var first = writer.WriteAsync();
        var firstWrite = await storage.NextAsync();
        var waiting = writer.WriteAsync();
        firstWrite.SetException(new InvalidOperationException("disk on fire"));

        var firstError = await Assert.ThrowsAsync<StorageFailureException>(() => first.WaitAsync(Wait));
        await Assert.ThrowsAsync<StorageFailureException>(() => waiting.WaitAsync(Wait));
        await Assert.ThrowsAsync<StorageFailureException>(() => writer.WriteAsync());
        Assert.Throws<StorageFailureException>(writer.ThrowIfFailed);

        Assert.Contains("disk on fire", firstError.Message, StringComparison.Ordinal);
        Assert.Contains("Retry with the same id", firstError.Message, StringComparison.Ordinal);
        Assert.True(writer.Failed);
        Assert.Single(failures);
        Assert.Equal(1, storage.Started);
    }

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(0.4, 1)]
    [InlineData(1.0, 1)]
    [InlineData(9.2, 10)]
    public void WindowWaits_RoundUpToWholeMilliseconds(double milliseconds, int expected)
    {
        // Task.Delay truncates: a window with 0.4 ms left would end at once, and the writer would lap until the
        // deadline passed (measured: 8 % of a busy node's allocations were those laps).
        var ticks = (long)(milliseconds / 1000 * System.Diagnostics.Stopwatch.Frequency);

        Assert.Equal(TimeSpan.FromMilliseconds(expected), CoalescingStateWriter.WholeMilliseconds(ticks));
        Assert.False(Task.Delay(CoalescingStateWriter.WholeMilliseconds(ticks)).IsCompleted);
    }

    [Fact]
    public async Task WriteWithinAsync_WaitsForTheWindowSoLaterChangesShareTheWrite()
    {
        using var storage = new ManualStorage();
        var writer = new CoalescingStateWriter(storage.WriteAsync, _ => { });

        var first = writer.WriteWithinAsync(TimeSpan.FromMilliseconds(300));
        var second = writer.WriteWithinAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        // Nothing written yet: the first deferred caller's window is still open.
        Assert.Equal(0, storage.Started);

        var write = await storage.NextAsync();
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        write.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Wait);

        Assert.Equal(1, storage.Started);
    }

    [Fact]
    public async Task WriteAsync_WhileDeferredCallersWait_StartsTheWriteAtOnceAndCarriesThem()
    {
        using var storage = new ManualStorage();
        var writer = new CoalescingStateWriter(storage.WriteAsync, _ => { });

        var deferred = writer.WriteWithinAsync(TimeSpan.FromMinutes(10));
        await Task.Delay(50);
        Assert.Equal(0, storage.Started);
        var urgent = writer.WriteAsync();

        // One write for both, long before the deferred caller's window ends; neither is acknowledged before it completes.
        var write = await storage.NextAsync();
        Assert.False(deferred.IsCompleted);
        Assert.False(urgent.IsCompleted);
        write.SetResult();
        await Task.WhenAll(deferred, urgent).WaitAsync(Wait);
        Assert.Equal(1, storage.Started);
    }

    [Fact]
    public async Task WriteWithinAsync_WhenTheWriteFails_FailsTheDeferredCaller()
    {
        using var storage = new ManualStorage();
        var failures = new List<Exception>();
        var writer = new CoalescingStateWriter(storage.WriteAsync, failures.Add);

        var deferred = writer.WriteWithinAsync(TimeSpan.FromMilliseconds(50));
        var write = await storage.NextAsync();
        write.SetException(new InvalidOperationException("disk on fire"));

        await Assert.ThrowsAsync<StorageFailureException>(() => deferred.WaitAsync(Wait));
        Assert.Single(failures);
    }
}
