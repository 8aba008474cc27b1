namespace ChainPos.Domain;

/// <summary>
/// A store's scale label layout: which two-digit GS1 prefixes (20..29) carry a weight in grams. Every other label
/// with prefix 2 carries a price, as before weight labels existed. Both kinds share one layout:
/// <code>
/// position  0-1     2-6         7-11                       12
///           prefix  item code   price (minor units)        check digit
///                               or weight (grams)          of the whole code
/// </code>
/// </summary>
public sealed class ScaleLabelLayout
{
    private readonly HashSet<string> _weightPrefixes;

    /// <summary>A layout in which every prefix 2 label carries a price.</summary>
    public static ScaleLabelLayout PriceOnly { get; } = new([]);

    /// <summary>Creates a layout; <paramref name="weightPrefixes"/> are two-digit prefixes 20..29.</summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> for a prefix that is not 20..29.</exception>
    public ScaleLabelLayout(IEnumerable<string> weightPrefixes)
    {
        ArgumentNullException.ThrowIfNull(weightPrefixes);
        _weightPrefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prefix in weightPrefixes)
        {
            if (!IsLabelPrefix(prefix))
            {
                throw DomainException.Invalid($"A weight label prefix is two digits 20..29 (got '{Text.Clip(prefix)}').");
            }

            _weightPrefixes.Add(prefix);
        }
    }

    /// <summary>The prefixes whose labels carry a weight, in order.</summary>
    public IReadOnlyList<string> WeightPrefixes => [.. _weightPrefixes.Order(StringComparer.Ordinal)];

    /// <summary>True for a two-digit prefix 20..29.</summary>
    public static bool IsLabelPrefix(string? prefix) => prefix is { Length: 2 } && prefix[0] == '2' && char.IsAsciiDigit(prefix[1]);

    /// <summary>
    /// Decodes a scale label: a valid EAN-13 starting with '2' (a wrong check digit is refused with false). Its kind
    /// comes from its first two digits.
    /// </summary>
    public bool TryDecode(string? ean13, out ScaleLabel label)
    {
        if (!Barcodes.TryParsePriceEmbedded(ean13, out var item, out var value))
        {
            label = new ScaleLabel(ScaleLabelKind.Price, string.Empty, 0);
            return false;
        }

        label = new ScaleLabel(_weightPrefixes.Contains(item[..2]) ? ScaleLabelKind.Weight : ScaleLabelKind.Price, item, value);
        return true;
    }
}
