using System.Net;
using System.Net.Sockets;
using ChainPos.StoreAgent.Hardware.Display;
using ChainPos.TestSupport;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// A fake customer display behind a TCP port (like a serial-to-Ethernet bridge) for the real agent process: keeps every byte
/// the agent's display driver sends and decodes what the 2 × 20 display would show with <see cref="LineDisplayDecoder"/>.
/// Each connection starts with the driver's initialisation (ESC @, clear), so the bytes of all connections decode in order.
/// </summary>
internal sealed class FakeLineDisplay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte> _bytes = [];
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accepting;

    public FakeLineDisplay()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>The agent's display setting for this fake.</summary>
    public string DisplayArgument => $"--Agent:CustomerDisplay=tcp://127.0.0.1:{Port}";

    /// <summary>The two rows shown now.</summary>
    public (string Line1, string Line2) Lines
    {
        get
        {
            lock (_bytes)
            {
                return LineDisplayDecoder.Decode([.. _bytes]);
            }
        }
    }

    /// <summary>How often the ASCII <paramref name="text"/> was sent over all connections: how many updates showed it.</summary>
    public int TimesSent(string text)
    {
        string sent;
        lock (_bytes)
        {
            sent = System.Text.Encoding.Latin1.GetString([.. _bytes]);
        }

        var count = 0;
        for (var at = sent.IndexOf(text, StringComparison.Ordinal); at >= 0; at = sent.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Waits until the display shows exactly these rows (each padded to 20); fails with what it shows otherwise.</summary>
    public async Task ExpectAsync(string line1, string line2)
    {
        var expected = (CustomerDisplayText.Fit(line1), CustomerDisplayText.Fit(line2));
        var shown = await Eventually.UntilAsync(() => Task.FromResult(Lines), l => l == expected);
        Assert.Equal(expected, shown);
    }

    /// <summary>Unplugs the display: stops listening and drops the agent's connection; what it showed stays in <see cref="Lines"/>.</summary>
    public async Task UnplugAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await UnplugAsync();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = ReadAsync(client);
        }
    }

    private async Task ReadAsync(TcpClient client)
    {
        var buffer = new byte[4096];
        try
        {
            var stream = client.GetStream();
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                lock (_bytes)
                {
                    _bytes.AddRange(buffer.AsSpan(0, read));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The agent closed the connection, or the display was unplugged.
        }
    }
}
