namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>The last four digits of a payment card: all the agent ever knows of its number.</summary>
public sealed record CardLast4
{
    private CardLast4(string digits) => Digits = digits;

    /// <summary>Exactly four ASCII digits.</summary>
    public string Digits { get; }

    /// <summary>"****1234", for receipts and screens.</summary>
    public string Masked => "****" + Digits;

    /// <summary>Reads exactly four ASCII digits.</summary>
    /// <exception cref="ArgumentException">For anything else (a full card number included).</exception>
    public static CardLast4 Parse(string digits)
    {
        if (digits is not { Length: 4 } || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The card's last four must be exactly 4 digits.", nameof(digits));
        }

        return new CardLast4(digits);
    }

    /// <inheritdoc cref="Masked"/>
    public override string ToString() => Masked;
}
