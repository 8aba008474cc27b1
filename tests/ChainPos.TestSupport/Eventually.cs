using System.Diagnostics;

namespace ChainPos.TestSupport;

/// <summary>Polls a read until a condition holds (effects delivered after the answer, metrics, membership, pushed events).</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The first value that satisfies <paramref name="done"/>, or the last one read when <paramref name="timeout"/>
    /// (20 s by default) runs out: the caller's asserts then fail on it and show what was seen.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > limit)
            {
                return value;
            }

            await Task.Delay(PollInterval);
        }
    }
}
