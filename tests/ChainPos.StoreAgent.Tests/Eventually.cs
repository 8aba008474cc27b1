using System.Diagnostics;

namespace ChainPos.StoreAgent.Tests;

/// <summary>Polls a read until a condition holds (effects and sync run after the answer); no fixed sleeps in the asserts.</summary>
internal static class Eventually
{
    /// <summary>The first value that satisfies <paramref name="done"/>, or the last one read when time runs out (the caller's asserts then fail on it).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > limit)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
