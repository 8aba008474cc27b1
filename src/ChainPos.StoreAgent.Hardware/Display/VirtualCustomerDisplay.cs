namespace ChainPos.StoreAgent.Hardware.Display;

/// <summary>
/// A customer display in memory: the real driver (<see cref="StreamCustomerDisplay"/>) writes into
/// a buffer, so <see cref="Bytes"/> is exactly what a device would have received and
/// <see cref="Lines"/> what it would show.
/// </summary>
public sealed class VirtualCustomerDisplay : ICustomerDisplay, IAsyncDisposable
{
    private readonly MemoryStream _received = new();
    private readonly StreamCustomerDisplay _driver;

    /// <summary>A blank display with the given settings.</summary>
    public VirtualCustomerDisplay(CustomerDisplayOptions? options = null) =>
        _driver = new StreamCustomerDisplay(_received, options, leaveOpen: true);

    /// <summary>Every byte sent to the display so far.</summary>
    public byte[] Bytes => _received.ToArray();

    /// <summary>The two rows the display shows now, 20 characters each.</summary>
    public (string Line1, string Line2) Lines => LineDisplayDecoder.Decode(Bytes);

    /// <inheritdoc />
    public Task ShowAsync(string line1, string line2, CancellationToken cancellationToken = default) =>
        _driver.ShowAsync(line1, line2, cancellationToken);

    /// <inheritdoc />
    public Task ClearAsync(CancellationToken cancellationToken = default) => _driver.ClearAsync(cancellationToken);

    /// <inheritdoc />
    public bool CanShow(char c) => _driver.CanShow(c);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _driver.DisposeAsync();
        await _received.DisposeAsync();
    }
}
