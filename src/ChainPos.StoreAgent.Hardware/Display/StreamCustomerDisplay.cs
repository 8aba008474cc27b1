using ChainPos.StoreAgent.Hardware.EscPos;
using ChainPos.StoreAgent.Hardware.Transport;

namespace ChainPos.StoreAgent.Hardware.Display;

/// <summary>
/// A 2 × 20 customer display reached through a byte stream: a serial device file (most pole
/// displays, often daisy-chained behind the printer's serial port) or a TCP socket. The display is
/// initialised before the first text. Calls are sent one at a time.
/// </summary>
/// <param name="stream">The stream to the display; disposed with this object unless <paramref name="leaveOpen"/>.</param>
/// <param name="options">Display settings.</param>
/// <param name="leaveOpen">Keep <paramref name="stream"/> open on dispose.</param>
public sealed class StreamCustomerDisplay(Stream stream, CustomerDisplayOptions? options = null, bool leaveOpen = false)
    : ICustomerDisplay, IAsyncDisposable
{
    private readonly EscPosCodePage _codePage = EscPosCodePage.FromName((options ?? new CustomerDisplayOptions()).CodePage);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _initialized;

    /// <summary>A display on a serial device file such as /dev/ttyUSB0.</summary>
    public static StreamCustomerDisplay OpenDevice(string path, CustomerDisplayOptions? options = null) =>
        new(DeviceStreams.OpenDevice(path, FileAccess.Write), options);

    /// <summary>A display behind a TCP port (serial-to-Ethernet bridge).</summary>
    public static async Task<StreamCustomerDisplay> ConnectAsync(
        string host, int port, CustomerDisplayOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await DeviceStreams.ConnectTcpAsync(host, port, TimeSpan.FromSeconds(3), cancellationToken), options);

    /// <inheritdoc />
    public Task ShowAsync(string line1, string line2, CancellationToken cancellationToken = default) =>
        SendAsync(LineDisplayCommands.Show(line1, line2, _codePage), cancellationToken);

    /// <inheritdoc />
    public Task ClearAsync(CancellationToken cancellationToken = default) =>
        SendAsync(LineDisplayCommands.Clear(), cancellationToken);

    /// <inheritdoc />
    public bool CanShow(char c) => _codePage.CanEncode(c);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _gate.Dispose();
        if (!leaveOpen)
        {
            await stream.DisposeAsync();
        }
    }

    private async Task SendAsync(byte[] command, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                await stream.WriteAsync(LineDisplayCommands.Initialize(_codePage), cancellationToken);
                _initialized = true;
            }

            await stream.WriteAsync(command, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
