namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>
/// The terminal's opaque reference to an authorised card payment, used to capture or refund it
/// later. Never a card number: a value holding a run of 12 or more digits is refused.
/// </summary>
public sealed record PaymentToken
{
    private PaymentToken(string value) => Value = value;

    /// <summary>1..128 printable ASCII characters.</summary>
    public string Value { get; }

    /// <summary>Reads a token.</summary>
    /// <exception cref="ArgumentException">When it is empty, too long, not printable ASCII, or could be a card number.</exception>
    public static PaymentToken Parse(string value)
    {
        if (value is not { Length: > 0 and <= 128 } || !value.All(c => c is > ' ' and <= '~'))
        {
            throw new ArgumentException("A payment token is 1 to 128 printable ASCII characters.", nameof(value));
        }

        if (PanGuard.ContainsPossiblePan(value))
        {
            throw new ArgumentException("A payment token must not contain a card number.", nameof(value));
        }

        return new PaymentToken(value);
    }

    /// <inheritdoc cref="Value"/>
    public override string ToString() => Value;
}
