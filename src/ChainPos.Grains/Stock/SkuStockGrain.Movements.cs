using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;

namespace ChainPos.Grains.Stock;

/// <summary>
/// The movement history. Every change of on hand is appended to the state in the same turn as the change, so the write
/// that stores the change stores its movement too (no extra write per sale). The state holds only the newest movements
/// (the tail): once a stored tail has a full page of <see cref="MovementPageSize"/>, that page goes to a slot grain
/// (<see cref="IStockMovementPageGrain"/>, a ring of <see cref="MovementPagesKept"/> slots) and leaves the tail, so the
/// row rewritten per sale stays small — one extra write per page instead of a history rewritten with every sale.
/// A page is written only from a tail already durable, and it leaves the tail only after the page is stored: a crash in
/// between writes the same page again, which its slot ignores.
/// Reservations and their expiry change what is reserved, not on hand, and are not movements.
/// </summary>
internal sealed partial class SkuStockGrain
{
    /// <summary>Movements per page moved out of the state.</summary>
    public const int MovementPageSize = 32;

    /// <summary>Pages kept (a ring of slots): with the tail, at least the newest 512 movements are kept.</summary>
    public const int MovementPagesKept = 16;

    private bool _flushingMovements;

    private IStockMovementPageGrain MovementSlot(long pageNo) =>
        GrainFactory.Grain<IStockMovementPageGrain>(GrainKeys.StockMovementPage(_locationId, _sku, (int)(pageNo % MovementPagesKept)));

    public async Task<StockMovementPage> GetMovementsAsync(int skip, int limit)
    {
        if (skip < 0 || limit < 0)
        {
            throw PosException.Invalid($"skip and limit must not be negative (got {skip} and {limit}).");
        }

        // Taken in this turn: pages that leave the tail while the slots are read are still counted once.
        var tail = S.Movements.ToArray();
        var pages = S.MovementPages;
        var oldest = Math.Max(0, pages - MovementPagesKept);
        var page = new List<StockMovement>(Math.Min(limit, 512));
        var position = 0;
        Take(tail);
        for (var pageNo = pages - 1; pageNo >= oldest && page.Count < limit; pageNo--)
        {
            if (position + MovementPageSize <= skip)
            {
                position += MovementPageSize;
                continue; // skipped whole: no need to read it
            }

            if (await MovementSlot(pageNo).ReadAsync(pageNo) is not { } movements)
            {
                break; // overwritten by a newer page meanwhile: older history is gone
            }

            Take(movements);
        }

        return new StockMovementPage(page, tail.Length + (int)((pages - oldest) * MovementPageSize));

        void Take(IReadOnlyList<StockMovement> oldestFirst)
        {
            for (var i = oldestFirst.Count - 1; i >= 0 && page.Count < limit; i--, position++)
            {
                if (position >= skip)
                {
                    page.Add(oldestFirst[i]);
                }
            }
        }
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
            S.Movements.Add(new StockMovement(
                time.GetUtcNow(),
                delta.Quantity < 0 ? StockMovementKind.Sale : StockMovementKind.Return,
                delta.Quantity,
                onHand,
                delta.Reference ?? $"{source}#{delta.Sequence}"));
        }
    }

    /// <summary>Call after <c>OnHand</c> changed by <paramref name="quantity"/>.</summary>
    private void Record(StockMovementKind kind, long quantity, string reference) =>
        S.Movements.Add(new StockMovement(time.GetUtcNow(), kind, quantity, S.OnHand, reference));

    /// <summary>The page to move out, taken from the tail a write is about to store (so the page is durable once it is).</summary>
    private (long PageNo, StockMovement[] Movements)? FullMovementPage() =>
        !_flushingMovements && S.Movements.Count >= MovementPageSize
            ? (S.MovementPages, S.Movements.Take(MovementPageSize).ToArray())
            : null;

    /// <summary>After the write that stored <paramref name="full"/>: store it in its slot, then drop it from the tail.</summary>
    private async Task MoveOutAsync((long PageNo, StockMovement[] Movements) full)
    {
        _flushingMovements = true;
        try
        {
            await MovementSlot(full.PageNo).WriteAsync(full.PageNo, full.Movements);
            if (S.MovementPages == full.PageNo && S.Movements.Count >= full.Movements.Length && ReferenceEquals(S.Movements[0], full.Movements[0]))
            {
                // Stored with the grain's next write; a crash before that writes this page again, which the slot ignores.
                S.Movements.RemoveRange(0, full.Movements.Length);
                S.MovementPages++;
            }
        }
        catch (Exception e)
        {
            logger.MovementPageFailed(e, _sku, _locationId); // the page stays in the tail; the next write tries again
        }
        finally
        {
            _flushingMovements = false;
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
