using ChainPos.Abstractions.Stock;

namespace ChainPos.Grains.Stock;

/// <summary>
/// The movement history: every change of on hand is appended to the state in the same turn as the change, so it is
/// stored by the write that stores the change (no extra write). Only the newest <see cref="MovementsKept"/> are kept.
/// Reservations and their expiry change what is reserved, not on hand, and are not movements.
/// </summary>
internal sealed partial class SkuStockGrain
{
    /// <summary>How many movements a stock grain keeps; older ones are dropped.</summary>
    public const int MovementsKept = 500;

    public Task<StockMovementPage> GetMovementsAsync(int skip, int limit)
    {
        if (skip < 0 || limit < 0)
        {
            throw PosException.Invalid($"skip and limit must not be negative (got {skip} and {limit}).");
        }

        var all = S.Movements;
        var page = new List<StockMovement>(Math.Min(limit, all.Count));
        for (var i = all.Count - 1 - skip; i >= 0 && page.Count < limit; i--)
        {
            page.Add(all[i]);
        }

        return Task.FromResult(new StockMovementPage(page, all.Count));
    }

    /// <summary>Call before <c>OnHand</c> changes: one movement per new transaction, each with its running on hand.</summary>
    private void RecordSaleMovements(IReadOnlyList<SequencedStockDelta> deltas, long mark, string source)
    {
        var onHand = S.OnHand;
        foreach (var delta in deltas)
        {
            if (delta.Sequence <= mark)
            {
                continue;
            }

            mark = delta.Sequence;
            onHand += delta.Quantity;
            Append(new StockMovement(
                time.GetUtcNow(),
                delta.Quantity < 0 ? StockMovementKind.Sale : StockMovementKind.Return,
                delta.Quantity,
                onHand,
                delta.Reference ?? $"{source}#{delta.Sequence}"));
        }
    }

    /// <summary>Call after <c>OnHand</c> changed by <paramref name="quantity"/>.</summary>
    private void Record(StockMovementKind kind, long quantity, string reference) =>
        Append(new StockMovement(time.GetUtcNow(), kind, quantity, S.OnHand, reference));

    private void Append(StockMovement movement)
    {
        S.Movements.Add(movement);
        if (S.Movements.Count > MovementsKept)
        {
            S.Movements.RemoveRange(0, S.Movements.Count - MovementsKept);
        }
    }

    private static StockMovementKind MovementKind(StockOperationKind kind) => kind switch
    {
        StockOperationKind.Receive => StockMovementKind.Receive,
        StockOperationKind.Adjust => StockMovementKind.Adjust,
        StockOperationKind.Count => StockMovementKind.Count,
        StockOperationKind.TransferOut => StockMovementKind.TransferOut,
        _ => StockMovementKind.TransferIn,
    };
}
