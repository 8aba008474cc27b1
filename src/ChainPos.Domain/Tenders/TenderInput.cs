namespace ChainPos.Domain;

/// <summary>One tender offered for a sale or a refund.</summary>
/// <param name="Kind">How the customer pays.</param>
/// <param name="Amount">The amount in minor units, &gt; 0.</param>
public sealed record TenderInput(TenderKind Kind, long Amount);
