namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>A printer that takes ESC/POS jobs: renders with <see cref="ReceiptRenderer"/> and sends the bytes.</summary>
/// <param name="options">Layout and drawer settings.</param>
public abstract class EscPosPrinter(ReceiptPrinterOptions? options = null) : IReceiptPrinter
{
    /// <summary>The renderer this printer's jobs come from.</summary>
    public ReceiptRenderer Renderer { get; } = new(options);

    /// <inheritdoc />
    public Task PrintAsync(ReceiptDocument receipt, CancellationToken cancellationToken = default) =>
        SendAsync(Renderer.Render(receipt), cancellationToken);

    /// <inheritdoc />
    public Task OpenDrawerAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Renderer.RenderDrawerKick(), cancellationToken);

    /// <summary>Sends one job to the device, whole.</summary>
    /// <exception cref="PrinterUnavailableException">When the device cannot take it.</exception>
    protected abstract Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken);
}
