using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChainPos.StoreAgent.Hardware.Scanning;

namespace ChainPos.StoreAgent.Devices;

/// <summary>
/// One scan as the register UI receives it. <see cref="Text"/> is what a keyboard-wedge scanner would have typed into the scan
/// box (the code without terminators, whitespace or AIM identifier), so the UI handles it exactly like a typed scan.
/// </summary>
internal sealed record ScanEvent(string Text, string Kind, string Code, long? EmbeddedPrice, DateTimeOffset At);

/// <summary>
/// Hands each scan of the configured scanner to every register UI page listening (GET /api/scans/stream). A stream ends when
/// its page goes away or the agent stops (so an open page does not hold up the shutdown).
/// </summary>
internal sealed class ScanFeed(IHostApplicationLifetime lifetime)
{
    // Control characters (CR, LF, STX, ETX, tab...), DEL and space, as BarcodeParser ignores them.
    private static readonly char[] Ignored = [.. Enumerable.Range(0, 0x21).Select(i => (char)i), '\x7F'];
    private readonly Lock _lock = new();
    private readonly List<Channel<ScanEvent>> _listeners = [];

    /// <summary>How many pages are listening now.</summary>
    public int Listeners
    {
        get
        {
            lock (_lock)
            {
                return _listeners.Count;
            }
        }
    }

    /// <summary>The code a scan stands for, as it would be typed.</summary>
    public static ScanEvent ToEvent(ScanResult scan, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var text = scan.Raw.Trim(Ignored);
        if (text.Length > 3 && text[0] == ']' && char.IsAsciiLetter(text[1]) && char.IsAsciiLetterOrDigit(text[2]))
        {
            text = text[3..];
        }

        return new ScanEvent(text, scan.Kind.ToString(), scan.Code, scan.EmbeddedPrice, at);
    }

    public void Publish(ScanEvent scan)
    {
        lock (_lock)
        {
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(scan);
            }
        }
    }

    /// <summary>The scans from now on, until <paramref name="cancellationToken"/> (the page went away).</summary>
    public async IAsyncEnumerable<ScanEvent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listener = Channel.CreateBounded<ScanEvent>(new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _listeners.Add(listener);
        }

        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            while (await WaitAsync(listener.Reader, listening.Token))
            {
                while (listener.Reader.TryRead(out var scan))
                {
                    yield return scan;
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _listeners.Remove(listener);
            }
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<ScanEvent> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
