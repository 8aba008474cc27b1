namespace ChainPos.StoreAgent.Hardware.Display;

/// <summary>The customer-facing two-line display (2 × 20 characters).</summary>
public interface ICustomerDisplay
{
    /// <summary>Shows two lines, each cut or padded to 20 characters; what was shown before is replaced.</summary>
    Task ShowAsync(string line1, string line2, CancellationToken cancellationToken = default);

    /// <summary>Blanks the display.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the display's character table has <paramref name="c"/> (e.g. '€').</summary>
    bool CanShow(char c);
}
