using System.Net;
using System.Net.Sockets;
using System.Text;
using ChainPos.StoreAgent.Hardware.EscPos;
using ChainPos.StoreAgent.Hardware.Printing;

namespace ChainPos.StoreAgent.Hardware.Virtual;

/// <summary>
/// A network receipt printer that prints nowhere: it listens on loopback (a free port by default),
/// keeps every byte any connection sends, and decodes them with <see cref="EscPosDecoder"/> into
/// the receipt a real printer would have produced. Point a <see cref="TcpEscPosPrinter"/> at it
/// (<see cref="CreateDriver"/>) to exercise the real driver end to end.
/// </summary>
public sealed class VirtualEscPosPrinter : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _width;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<byte> _received = [];
    private readonly List<TcpClient> _connections = [];
    private readonly List<Task> _receivers = [];
    private readonly Task _acceptor;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private VirtualEscPosPrinter(TcpListener listener, int width)
    {
        _listener = listener;
        _width = width;
        _acceptor = AcceptAsync();
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were accepted so far.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0: a free port) for a roll <paramref name="width"/> columns wide.</summary>
    public static VirtualEscPosPrinter Start(int width = 48, int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new VirtualEscPosPrinter(listener, width);
    }

    /// <summary>A <see cref="TcpEscPosPrinter"/> connected to this printer.</summary>
    public TcpEscPosPrinter CreateDriver(ReceiptPrinterOptions? layout = null) =>
        new(new TcpPrinterOptions { Host = IPAddress.Loopback.ToString(), Port = Port }, layout ?? new ReceiptPrinterOptions { Width = _width });

    /// <summary>Every byte received so far, over all connections, in arrival order.</summary>
    public byte[] GetReceivedBytes()
    {
        lock (_lock)
        {
            return [.. _received];
        }
    }

    /// <summary>What the received bytes print as (see <see cref="EscPosDecoder"/>).</summary>
    public string Decode() => EscPosDecoder.Decode(GetReceivedBytes(), _width);

    /// <summary>Writes <see cref="Decode"/> to <paramref name="path"/> (UTF-8): the receipt file of a demo or test run.</summary>
    public Task WriteReceiptFileAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, Decode(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);

    /// <summary>Waits until at least <paramref name="count"/> bytes have arrived; returns all received.</summary>
    public async Task<byte[]> WaitForBytesAsync(int count, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_received.Count >= count)
                {
                    return [.. _received];
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Closes every open connection, as a printer dropping idle sockets (or being switched off) does.</summary>
    public void DisconnectClients()
    {
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                connection.Client.Close();
            }
        }
    }

    /// <summary>Forgets the bytes received so far.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _received.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DisconnectClients();
        Task[] pending;
        lock (_lock)
        {
            pending = [_acceptor, .. _receivers];
        }

        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_lock)
        {
            _connections.ForEach(c => c.Dispose());
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

            lock (_lock)
            {
                _connections.Add(client);
                _receivers.Add(ReceiveAsync(client));
            }
        }
    }

    private async Task ReceiveAsync(TcpClient client)
    {
        var buffer = new byte[4096];
        try
        {
            var stream = client.GetStream();
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                TaskCompletionSource changed;
                lock (_lock)
                {
                    _received.AddRange(buffer.AsSpan(0, read));
                    changed = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                changed.SetResult();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection was closed (by either side): the bytes so far are kept.
        }
    }
}
