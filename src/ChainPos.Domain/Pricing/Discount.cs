namespace ChainPos.Domain;

/// <summary>A manual discount given by staff, on one line or on the whole basket.</summary>
/// <param name="Kind">Whether <paramref name="Value"/> is a percentage or an amount.</param>
/// <param name="Value">Basis points (1..10000) for <see cref="DiscountKind.Percent"/>, minor units (&gt; 0) for <see cref="DiscountKind.Amount"/>.</param>
/// <param name="Reason">Why the discount was given, for the audit trail.</param>
public sealed record Discount(DiscountKind Kind, long Value, string Reason);
