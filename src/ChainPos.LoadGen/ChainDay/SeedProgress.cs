using System.Diagnostics;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>A console progress bar for seeding: label, bar, percent, count, rate.</summary>
internal sealed class SeedProgress(string label, long total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _done;
    private long _lastDrawnAt = -1_000;

    public void Advance(long by = 1)
    {
        var done = Interlocked.Add(ref _done, by);
        var now = _clock.ElapsedMilliseconds;
        if (done < total && now - Interlocked.Read(ref _lastDrawnAt) < 250)
        {
            return;
        }

        lock (_lock)
        {
            Interlocked.Exchange(ref _lastDrawnAt, now);
            Console.Write("\r" + Render(done, total, _clock.Elapsed.TotalSeconds, label) + (done >= total ? Environment.NewLine : ""));
        }
    }

    /// <summary>"  label [#########...........]  45 %  450/1000  120/s".</summary>
    public static string Render(long done, long total, double seconds, string label)
    {
        const int Width = 30;
        var fraction = total == 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)Math.Round(fraction * Width);
        return $"  {label,-22} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:F0} %  {done}/{total}  {(seconds > 0 ? done / seconds : 0):F0}/s ";
    }

    /// <summary>Runs <paramref name="work"/> over <paramref name="items"/> with bounded parallelism and the bar.</summary>
    public static async Task ForEachAsync<T>(string label, IReadOnlyCollection<T> items, int parallelism, Func<T, Task> work)
    {
        var bar = new SeedProgress(label, items.Count);
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) =>
        {
            await work(item);
            bar.Advance();
        });
        if (items.Count == 0)
        {
            bar.Advance(0);
        }
    }
}
