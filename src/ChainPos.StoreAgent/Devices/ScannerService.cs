using ChainPos.StoreAgent.Hardware.Scanning;
using ChainPos.StoreAgent.Hosting;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Devices;

/// <summary>The configured scanner's state for GET /api/status.</summary>
internal sealed record ScannerView(string Target, bool Connected, long Scans, DateTimeOffset? LastScanAt, string? Error, int Listeners);

/// <summary>
/// Reads the line-based scanner of Agent:Scanner (a serial device file or a TCP port; none by default: keyboard-wedge scanners
/// type into the scan box and need nothing here) and hands every scan to the register UI through <see cref="ScanFeed"/>.
/// A scanner that cannot be opened, or that hangs up, is opened again every <see cref="RetryDelay"/>.
/// </summary>
internal sealed partial class ScannerService(ScanFeed feed, IOptions<AgentOptions> options, TimeProvider time, ILogger<ScannerService> logger)
    : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly DeviceTarget _target = DeviceTarget.Parse(options.Value.Scanner, "Agent:Scanner", allowVirtual: false);
    private readonly Lock _lock = new();
    private bool _connected;
    private long _scans;
    private DateTimeOffset? _lastScanAt;
    private string? _error;

    public ScannerView View
    {
        get
        {
            lock (_lock)
            {
                return new ScannerView(_target.Text, _connected, _scans, _lastScanAt, _error, feed.Listeners);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_target.Kind == DeviceTargetKind.None)
        {
            return;
        }

        while (true)
        {
            try
            {
                await using var reader = _target.Kind == DeviceTargetKind.Tcp
                    ? await BarcodeScannerReader.ConnectAsync(_target.Host, _target.Port, stoppingToken)
                    : BarcodeScannerReader.OpenDevice(_target.Path);
                SetState(connected: true, error: null);
                await foreach (var scan in reader.ReadAsync(stoppingToken))
                {
                    var now = time.GetUtcNow();
                    lock (_lock)
                    {
                        (_scans, _lastScanAt) = (_scans + 1, now);
                    }

                    feed.Publish(ScanFeed.ToEvent(scan, now));
                }

                SetState(connected: false, error: "the scanner closed the connection");
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Logged once per new error, not every retry while the scanner stays unplugged.
                if (View.Error != e.Message)
                {
                    LogScannerFailed(_target.Text, e.Message, e);
                }

                SetState(connected: false, error: e.Message);
            }

            await Task.Delay(RetryDelay, time, stoppingToken);
        }
    }

    private void SetState(bool connected, string? error)
    {
        lock (_lock)
        {
            (_connected, _error) = (connected, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Barcode scanner {Target} unavailable ({Error}); trying again")]
    private partial void LogScannerFailed(string target, string error, Exception e);
}
