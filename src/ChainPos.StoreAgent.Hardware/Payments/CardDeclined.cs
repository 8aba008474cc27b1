namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>The payment was refused; nothing was charged.</summary>
/// <param name="Reason">Why, as the terminal said it (anything that could be a card number is redacted).</param>
public sealed record CardDeclined(string Reason) : CardAuthorization
{
    /// <inheritdoc cref="CardDeclined"/>
    public string Reason { get; } = PanGuard.Redact(Reason ?? string.Empty);
}
