using System.Diagnostics;

namespace ChainPos.Operations.Tests;

/// <summary>Polls a read until a condition holds (dashboard counters, delivered effects, cluster membership).</summary>
internal static class Eventually
{
    /// <summary>The first value that satisfies <paramref name="done"/>, or the last one read when time runs out (the caller's asserts then fail on it).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > timeout)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
