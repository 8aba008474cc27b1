namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>
/// An ESC/POS printer behind a device file: /dev/usb/lp0 (USB printer class), /dev/ttyUSB0 or
/// /dev/ttyS0 (serial; set its speed beforehand, e.g. with stty or a udev rule). The file is opened
/// for each job and closed after it, so nothing holds the device between receipts; the file must
/// exist (an unplugged printer is reported, not created as a regular file). A regular file works
/// too and is appended to, which is handy for capturing jobs.
/// </summary>
/// <param name="devicePath">Path of the device file.</param>
/// <param name="layout">Layout and drawer settings.</param>
/// <param name="writeTimeout">How long one job may take to hand over (10 s when null). A blocked
/// kernel write cannot always be interrupted: the job is then reported failed while the write finishes in the background.</param>
public sealed class DeviceFileEscPosPrinter(string devicePath, ReceiptPrinterOptions? layout = null, TimeSpan? writeTimeout = null)
    : EscPosPrinter(layout), IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _writeTimeout = writeTimeout ?? TimeSpan.FromSeconds(10);

    /// <summary>The device file jobs go to.</summary>
    public string DevicePath { get; } = devicePath;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <inheritdoc />
    protected override async Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await WriteAsync(job, cancellationToken).WaitAsync(_writeTimeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new PrinterUnavailableException($"Printer {DevicePath} did not take the job: timed out", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken)
    {
        try
        {
            await using var device = new FileStream(DevicePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            if (device.CanSeek)
            {
                device.Seek(0, SeekOrigin.End);
            }

            await device.WriteAsync(job, cancellationToken);
            await device.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PrinterUnavailableException($"Printer {DevicePath} is not available: {e.Message}", e);
        }
    }
}
