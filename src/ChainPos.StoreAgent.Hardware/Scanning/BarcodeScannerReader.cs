using System.Runtime.CompilerServices;
using System.Text;
using ChainPos.StoreAgent.Hardware.Transport;

namespace ChainPos.StoreAgent.Hardware.Scanning;

/// <summary>
/// Reads scans from a line-based scanner on a serial port or TCP socket. A scan ends at CR, LF or
/// ETX (so CR-only, LF-only, CRLF and STX…ETX framing all work) and is yielded as soon as its
/// terminator arrives — nothing waits for the next byte to see whether an LF follows a CR. Empty
/// lines are skipped; a line longer than <see cref="MaxLength"/> is dropped whole (line noise).
/// </summary>
/// <param name="stream">The scanner's stream; disposed with this reader.</param>
public sealed class BarcodeScannerReader(Stream stream) : IAsyncDisposable
{
    /// <summary>Longest scan accepted, in bytes.</summary>
    public const int MaxLength = 256;

    /// <summary>A scanner on a serial device file such as /dev/ttyACM0.</summary>
    public static BarcodeScannerReader OpenDevice(string path) => new(DeviceStreams.OpenDevice(path, FileAccess.Read));

    /// <summary>A scanner behind a TCP port.</summary>
    public static async Task<BarcodeScannerReader> ConnectAsync(string host, int port, CancellationToken cancellationToken = default) =>
        new(await DeviceStreams.ConnectTcpAsync(host, port, TimeSpan.FromSeconds(3), cancellationToken));

    /// <summary>Scans until the stream ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<ScanResult> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[512];
        var line = new StringBuilder();
        var overflow = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b is (byte)'\r' or (byte)'\n' or 0x03)
                {
                    if (line.Length > 0 && !overflow)
                    {
                        yield return BarcodeParser.Parse(line.ToString());
                    }

                    line.Clear();
                    overflow = false;
                }
                else if (b == 0x02)
                {
                    line.Clear();
                }
                else if (line.Length < MaxLength)
                {
                    line.Append((char)b);
                }
                else
                {
                    overflow = true;
                }
            }
        }

        if (line.Length > 0 && !overflow)
        {
            yield return BarcodeParser.Parse(line.ToString());
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
