using System.Net.Sockets;
using System.Threading.Channels;
using ChainPos.StoreAgent.Hardware.Display;
using ChainPos.StoreAgent.Hardware.Printing;
using ChainPos.StoreAgent.Hardware.Transport;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Devices;

/// <summary>What the customer display shows, and its last failure (null once a later update worked).</summary>
internal sealed record DisplayView(string Target, string Line1, string Line2, DateTimeOffset? UpdatedAt, string? Error, DateTimeOffset? ErrorAt);

/// <summary>
/// Drives the customer display (Agent:CustomerDisplay) from a background loop: callers only queue what to show, so a slow,
/// unplugged or refusing display never delays or fails a sale; a failure is logged, kept in <see cref="View"/> and the device
/// is opened again for the next update. Every update is replayed on an in-memory display too, whose decoded rows are what
/// <see cref="View"/> reports and what <c>customer-display.txt</c> in the data folder holds (for the virtual display that is all
/// there is). After a sale, a return or a no-sale, the welcome text comes back after Agent:CustomerDisplayIdleAfter unless the next
/// sale starts first.
/// </summary>
internal sealed partial class CustomerDisplayService : BackgroundService, IAsyncDisposable
{
    private const int MirrorBytesKept = 64 * 1024;
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(5);
    private readonly Channel<DisplayFrame> _frames = Channel.CreateBounded<DisplayFrame>(
        new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Lock _lock = new();
    private readonly CustomerDisplayOptions _displayOptions = new();
    private readonly DeviceTarget _target;
    private readonly AgentOptions _options;
    private readonly CatalogCache _catalog;
    private readonly TimeProvider _time;
    private readonly ILogger<CustomerDisplayService> _logger;
    private readonly string _file;
    private VirtualCustomerDisplay _mirror;
    private StreamCustomerDisplay? _device;
    private Socket? _socket;
    private DisplayView _view;

    public CustomerDisplayService(IOptions<AgentOptions> options, CatalogCache catalog, TimeProvider time, ILogger<CustomerDisplayService> logger)
    {
        _options = options.Value;
        _target = DeviceTarget.Parse(_options.CustomerDisplay, "Agent:CustomerDisplay", allowVirtual: true);
        _catalog = catalog;
        _time = time;
        _logger = logger;
        _file = Path.Combine(Path.GetFullPath(_options.DataDirectory), "customer-display.txt");
        _mirror = new VirtualCustomerDisplay(_displayOptions);
        var blank = CustomerDisplayText.Fit("");
        _view = new DisplayView(_target.Text, blank, blank, null, null, null);
    }

    /// <summary>The two rows shown now (20 characters each), when they were last updated, and the last failure.</summary>
    public DisplayView View
    {
        get
        {
            lock (_lock)
            {
                return _view;
            }
        }
    }

    /// <summary>The item just added ("2 x Mug 17.98") over the running total.</summary>
    public void ShowItem(string name, int quantity, long amount, long total, string currency) =>
        Post(new DisplayFrame((d, ct) => d.ShowItemAsync(name, quantity, amount, total, currency, ct), ThenIdle: false));

    /// <summary>The amount to pay, while the tenders are taken.</summary>
    public void ShowTotal(long total, string currency) =>
        Post(new DisplayFrame((d, ct) => d.ShowTotalAsync(total, currency, ct), ThenIdle: false));

    /// <summary>The welcome text (between sales).</summary>
    public void ShowWelcome() => Post(Welcome());

    /// <summary>A completed sale: paid and change when cash was taken, otherwise the total and a thank-you; then, later, the welcome text.</summary>
    public void SaleCompleted(long total, long change, bool cash, string currency) => Post(cash
        ? new DisplayFrame((d, ct) => d.ShowChangeAsync(total + change, change, currency, ct), ThenIdle: true)
        : new DisplayFrame((d, ct) => d.ShowAsync(CustomerDisplayText.LeftRight("TOTAL", ReceiptMoney.WithSymbol(total, currency, d.CanShow)), "Thank you", ct), ThenIdle: true));

    /// <summary>A completed return: the amount refunded and a thank-you; then, later, the welcome text.</summary>
    public void RefundCompleted(long refund, string currency) =>
        Post(new DisplayFrame((d, ct) => d.ShowRefundAsync(refund, currency, ct), ThenIdle: true));

    /// <summary>The drawer opened without a sale ("NO SALE"); then, later, the welcome text.</summary>
    public void NoSale() => Post(new DisplayFrame((d, ct) => d.ShowNoSaleAsync(ct), ThenIdle: true));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_target.Kind == DeviceTargetKind.None)
        {
            return;
        }

        await ApplyAsync(Welcome(), stoppingToken);
        var idleDue = false;
        while (true)
        {
            var frame = await NextAsync(idleDue, stoppingToken) ?? Welcome();
            idleDue = frame.ThenIdle;
            await ApplyAsync(frame, stoppingToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseDeviceAsync();
        await _mirror.DisposeAsync();
        Dispose();
    }

    private void Post(DisplayFrame frame)
    {
        if (_target.Kind != DeviceTargetKind.None)
        {
            _frames.Writer.TryWrite(frame);
        }
    }

    private DisplayFrame Welcome() =>
        new((d, ct) => d.ShowAsync(_options.CustomerDisplayWelcome, _catalog.Store?.Name ?? "", ct), ThenIdle: false);

    /// <summary>The next update, or null when the welcome text is due (the idle time after a sale passed with nothing new).</summary>
    private async Task<DisplayFrame?> NextAsync(bool idleDue, CancellationToken stoppingToken)
    {
        if (!idleDue || _options.CustomerDisplayIdleAfter <= TimeSpan.Zero)
        {
            return await _frames.Reader.ReadAsync(stoppingToken);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        idle.CancelAfter(_options.CustomerDisplayIdleAfter);
        try
        {
            return await _frames.Reader.ReadAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task ApplyAsync(DisplayFrame frame, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(UpdateTimeout);
        try
        {
            if (_target.Kind != DeviceTargetKind.Virtual)
            {
                await frame.Show(await OpenDeviceAsync(timeout.Token), timeout.Token);
            }

            await frame.Show(_mirror, timeout.Token);
            var (line1, line2) = _mirror.Lines;
            await RenderAsync(line1, line2, timeout.Token);
            lock (_lock)
            {
                _view = _view with { Line1 = line1, Line2 = line2, UpdatedAt = _time.GetUtcNow(), Error = null };
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var error = e is OperationCanceledException ? $"no answer within {UpdateTimeout.TotalSeconds:0} s" : e.Message;
            LogDisplayFailed(_target.Text, error, e);
            lock (_lock)
            {
                _view = _view with { Error = error, ErrorAt = _time.GetUtcNow() };
            }

            await CloseDeviceAsync();
        }
    }

    /// <summary>The real display, opened on first use and again after a failure (a TCP display that hung up is reconnected).</summary>
    private async Task<ICustomerDisplay> OpenDeviceAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null && PeerClosed(_socket))
        {
            await CloseDeviceAsync();
        }

        if (_device is null && _target.Kind == DeviceTargetKind.Tcp)
        {
            var stream = await DeviceStreams.ConnectTcpAsync(_target.Host, _target.Port, TimeSpan.FromSeconds(3), cancellationToken);
            _socket = stream.Socket;
            _device = new StreamCustomerDisplay(stream, _displayOptions);
        }

        return _device ??= StreamCustomerDisplay.OpenDevice(_target.Path, _displayOptions);
    }

    private static bool PeerClosed(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    private async Task CloseDeviceAsync()
    {
        var device = _device;
        (_device, _socket) = (null, null);
        if (device is not null)
        {
            try
            {
                await device.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // Closing a broken connection: nothing more to do.
            }
        }
    }

    /// <summary>Writes the rows to customer-display.txt (replaced whole, so a reader never sees half an update); keeps the mirror small.</summary>
    private async Task RenderAsync(string line1, string line2, CancellationToken cancellationToken)
    {
        var temp = _file + ".tmp";
        await File.WriteAllTextAsync(temp, line1 + "\n" + line2 + "\n", cancellationToken);
        File.Move(temp, _file, overwrite: true);
        if (_mirror.Bytes.Length > MirrorBytesKept)
        {
            await _mirror.DisposeAsync();
            _mirror = new VirtualCustomerDisplay(_displayOptions);
            await _mirror.ShowAsync(line1, line2, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer display {Target} failed ({Error}); the sale goes on, the next update tries again")]
    private partial void LogDisplayFailed(string target, string error, Exception e);

    /// <summary>One update: what to show, and whether the welcome text follows after the idle time.</summary>
    private sealed record DisplayFrame(Func<ICustomerDisplay, CancellationToken, Task> Show, bool ThenIdle);
}
