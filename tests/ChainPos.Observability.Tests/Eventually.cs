using System.Diagnostics;

namespace ChainPos.Observability.Tests;

/// <summary>Polls a read until a condition holds (effects and span exports happen after the call's answer).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The first value that satisfies <paramref name="done"/>, or the last one read when time runs out (the caller's asserts then fail on it).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > (timeout ?? Timeout))
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
