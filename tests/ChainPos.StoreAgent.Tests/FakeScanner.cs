using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// A fake line-based barcode scanner behind a TCP port (like a serial-to-Ethernet bridge): the real agent connects to it
/// (Agent:Scanner=tcp://…) and the test sends scans as the scanner would, each line ended by CR LF.
/// </summary>
internal sealed class FakeScanner : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task<TcpClient> _agent;

    public FakeScanner()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _agent = _listener.AcceptTcpClientAsync();
    }

    public int Port { get; }

    /// <summary>The agent's scanner setting for this fake.</summary>
    public string ScannerArgument => $"--Agent:Scanner=tcp://127.0.0.1:{Port}";

    /// <summary>Sends one scan, terminated by CR LF, on the agent's connection.</summary>
    public async Task ScanAsync(string code)
    {
        var client = await _agent.WaitAsync(TimeSpan.FromSeconds(20));
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(code + "\r\n"));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        if (_agent.IsCompletedSuccessfully)
        {
            (await _agent).Dispose();
        }
    }
}
