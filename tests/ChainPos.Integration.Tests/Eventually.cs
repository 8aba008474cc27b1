using System.Diagnostics;
using ChainPos.Abstractions;

namespace ChainPos.Integration.Tests;

/// <summary>Bounded polling: no fixed sleeps decide a result, every wait has a deadline.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads until <paramref name="done"/> holds and returns that value; when time runs out, returns the last value
    /// read (the caller's exact asserts then fail on it). Infrastructure failures (a silo just died) are read again;
    /// a <see cref="PosException"/> is an answer and is thrown.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var haveValue = false;
        T value = default!;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                value = await read();
                haveValue = true;
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not PosException)
            {
                lastError = e;
            }

            if (clock.Elapsed > limit)
            {
                return haveValue ? value : throw new TimeoutException($"No successful read within {limit}.", lastError);
            }

            await Task.Delay(50);
        }
    }
}
