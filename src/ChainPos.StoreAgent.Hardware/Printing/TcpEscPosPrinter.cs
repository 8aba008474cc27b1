using System.Net.Sockets;

namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>
/// An ESC/POS printer on the network (raw TCP, port 9100). The connection is opened on first use
/// and kept; one closed by the printer meanwhile (printers drop idle sockets) is noticed before
/// writing and reopened. A write that fails on a kept connection is retried once on a new one:
/// the first attempt may have printed part of the job, so the worst case is a partial receipt
/// before the full one, never a lost one. Jobs are sent one at a time.
/// </summary>
public sealed class TcpEscPosPrinter(TcpPrinterOptions connection, ReceiptPrinterOptions? layout = null)
    : EscPosPrinter(layout), IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TcpClient? _client;

    private string Name => $"{connection.Host}:{connection.Port}";

    /// <summary>How many connections were opened so far.</summary>
    public int ConnectionCount { get; private set; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            Drop();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    /// <inheritdoc />
    protected override async Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var kept = _client is { } client && IsOpen(client);
            if (!kept)
            {
                await ConnectAsync(cancellationToken);
            }

            try
            {
                await WriteAsync(job, cancellationToken);
            }
            catch (PrinterUnavailableException) when (kept)
            {
                await ConnectAsync(cancellationToken);
                await WriteAsync(job, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        Drop();
        var client = new TcpClient { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.ConnectTimeout);
        try
        {
            await client.ConnectAsync(connection.Host, connection.Port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            client.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw new PrinterUnavailableException($"Printer {Name} is not reachable: {Reason(e)}", e);
        }

        _client = client;
        ConnectionCount++;
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.WriteTimeout);
        try
        {
            var stream = _client!.GetStream();
            await stream.WriteAsync(job, timeout.Token);
            await stream.FlushAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Whatever was cut off, the connection's state is unknown: never reuse it.
            Drop();
            cancellationToken.ThrowIfCancellationRequested();
            throw new PrinterUnavailableException($"Printer {Name} did not take the job: {Reason(e)}", e);
        }
    }

    // A socket the peer closed polls readable with nothing to read.
    private static bool IsOpen(TcpClient client) =>
        client.Connected && !(client.Client.Poll(0, SelectMode.SelectRead) && client.Client.Available == 0);

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }

    private static string Reason(Exception e) => e is OperationCanceledException ? "timed out" : e.Message;
}
