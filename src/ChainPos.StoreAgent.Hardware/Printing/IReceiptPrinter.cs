namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>A receipt printer with the store's cash drawer wired to its drawer-kick port.</summary>
public interface IReceiptPrinter
{
    /// <summary>Prints <paramref name="receipt"/> as one job and cuts the paper.</summary>
    /// <exception cref="PrinterUnavailableException">When the printer cannot be reached or does not take the job in time.</exception>
    Task PrintAsync(ReceiptDocument receipt, CancellationToken cancellationToken = default);

    /// <summary>Pulses the drawer-kick pin (cash tender, no-sale).</summary>
    /// <exception cref="PrinterUnavailableException">When the printer cannot be reached.</exception>
    Task OpenDrawerAsync(CancellationToken cancellationToken = default);
}
