namespace ChainPos.Abstractions.Stock;

/// <summary>What changed on hand at a stock grain.</summary>
[GenerateSerializer]
public enum StockMovementKind
{
    Sale = 1,
    Return = 2,
    Receive = 3,
    Adjust = 4,
    Count = 5,
    TransferOut = 6,
    TransferIn = 7,
    /// <summary>A paid web order's reservation left the shelf.</summary>
    WebOrderCommit = 8,
}

/// <summary>
/// One change of on hand: when, what kind, the signed quantity, on hand right after it, and its reference
/// (the sale's transaction id, the operation id or the reservation id).
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.StockMovement")]
public sealed record StockMovement(DateTimeOffset At, StockMovementKind Kind, long Quantity, long OnHandAfter, string Reference);

/// <summary>A page of a stock grain's movements, newest first, and how many it keeps in all.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.StockMovementPage")]
public sealed record StockMovementPage(IReadOnlyList<StockMovement> Movements, int Total);
