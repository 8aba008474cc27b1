using System.Diagnostics;

namespace ChainPos.Connector.Tests;

/// <summary>Polls a read until a condition holds (the connector applies events and pushes changes in the background).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

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

            await Task.Delay(20);
        }
    }
}
