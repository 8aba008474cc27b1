namespace ChainPos.Domain;

/// <summary>What the five value digits of a scale label carry.</summary>
public enum ScaleLabelKind
{
    /// <summary>The package's price in minor units (00250 is 2.50).</summary>
    Price = 0,

    /// <summary>The package's weight in grams (00512 is 0.512 kg).</summary>
    Weight = 1,
}

/// <summary>A decoded scale label (variable-measure EAN-13).</summary>
/// <param name="Kind">Whether <paramref name="Value"/> is a price or a weight.</param>
/// <param name="ItemCode">The first 7 digits (prefix and item code), e.g. "2112345".</param>
/// <param name="Value">Digits 8-12: minor units for a price label, grams for a weight label.</param>
public sealed record ScaleLabel(ScaleLabelKind Kind, string ItemCode, long Value);
