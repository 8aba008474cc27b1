using System.Diagnostics;

namespace ChainPos.Gateway.Tests;

/// <summary>Polls a read until a condition holds (effects are delivered by the register's outbox after the answer).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The first value that satisfies <paramref name="done"/>, or the last one read when time runs out (the caller's asserts then fail on it).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > Timeout)
            {
                return value;
            }

            await Task.Delay(10);
        }
    }
}
