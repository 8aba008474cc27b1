namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>A card scheme as the terminal names it ("VISA", "MASTERCARD"): letters, spaces and dashes only.</summary>
public sealed record CardBrand
{
    private CardBrand(string name) => Name = name;

    /// <summary>Upper case, 1..20 characters, no digits.</summary>
    public string Name { get; }

    /// <summary>Reads a brand name, trimmed and upper-cased.</summary>
    /// <exception cref="ArgumentException">When it is empty, longer than 20 or holds anything but letters, spaces and dashes.</exception>
    public static CardBrand Parse(string name)
    {
        var trimmed = name?.Trim().ToUpperInvariant() ?? string.Empty;
        if (trimmed.Length is 0 or > 20 || !trimmed.All(c => char.IsAsciiLetter(c) || c is ' ' or '-'))
        {
            throw new ArgumentException("A card brand is 1 to 20 letters, spaces or dashes (e.g. VISA).", nameof(name));
        }

        return new CardBrand(trimmed);
    }

    /// <inheritdoc cref="Name"/>
    public override string ToString() => Name;
}
