namespace ChainPos.Abstractions.Stock;

/// <summary>
/// The answer to <see cref="ISkuStockGrain.ReserveAsync"/>: how many units the reservation holds (0 when refused)
/// and the stock level right after the decision, as the stock grain saw it.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.StockReservation")]
public sealed record StockReservation(string ReservationId, long Granted, StockLevel Level);

/// <summary>What a commit, release or extension of a stock reservation did.</summary>
[GenerateSerializer]
public enum StockReservationOutcome
{
    /// <summary>Applied now.</summary>
    Applied = 1,

    /// <summary>A repeat: the reservation had already ended this way; nothing changed.</summary>
    AlreadyApplied = 2,

    /// <summary>
    /// The stock grain has no record of the id: never reserved, or finished so long ago that its id was pruned.
    /// A release records it (so a reserve arriving late is refused); nothing else changes.
    /// </summary>
    Unknown = 3,
}
