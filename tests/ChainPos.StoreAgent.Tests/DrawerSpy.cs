using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// A fake network receipt printer (raw TCP, like port 9100) for the real agent process: keeps every byte the agent's
/// ESC/POS driver sends and counts drawer kicks (<c>ESC p</c>). Bytes on one connection arrive in order, so once a later
/// kick is seen every earlier one has arrived too.
/// </summary>
internal sealed class DrawerSpy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte> _bytes = [];
    private readonly Task _accepting;

    public DrawerSpy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The agent's printer setting for this spy.</summary>
    public string PrinterArgument => $"--Agent:Printer=tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Kicks
    {
        get
        {
            lock (_bytes)
            {
                var kicks = 0;
                for (var i = 0; i + 1 < _bytes.Count; i++)
                {
                    if (_bytes[i] == 0x1B && _bytes[i + 1] == (byte)'p')
                    {
                        kicks++;
                    }
                }

                return kicks;
            }
        }
    }

    /// <summary>Waits until exactly <paramref name="expected"/> kicks arrived; fails when fewer came in time or more arrived.</summary>
    public async Task ExpectKicksAsync(int expected)
    {
        var clock = Stopwatch.StartNew();
        while (Kicks < expected && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.Equal(expected, Kicks);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

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

            _ = ReadAsync(client);
        }
    }

    private async Task ReadAsync(TcpClient client)
    {
        using var _ = client;
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
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The agent closed the connection, or the spy stopped.
        }
    }
}
