namespace ChainPos.Silo.Demo;

/// <summary>A one-line console progress bar (redrawn in place on a terminal, every 10 % otherwise).</summary>
internal sealed class ProgressBar(string label, int total) : IDisposable
{
    private const int Width = 30;
    private readonly Lock _lock = new();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private int _done;
    private int _lastShown = -1;

    public void Advance(int count)
    {
        lock (_lock)
        {
            _done += count;
            var percent = total == 0 ? 100 : _done * 100 / total;
            if (_interactive ? percent != _lastShown : percent / 10 != _lastShown / 10)
            {
                _lastShown = percent;
                var filled = percent * Width / 100;
                var line = $"  seeding {label,-10} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%  {_done}/{total}";
                Console.Write(_interactive ? "\r" + line : line + Environment.NewLine);
            }
        }
    }

    public void Dispose()
    {
        if (_interactive)
        {
            Console.WriteLine();
        }
    }
}
