using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Stock;

/// <summary>
/// One SKU at one location. Sales, receipts, counts and transfers here; online reservations in
/// <c>SkuStockGrain.Reservations.cs</c>; the push to the availability index in <c>SkuStockGrain.Availability.cs</c>.
/// </summary>
internal sealed partial class SkuStockGrain(
    [PersistentState("stock", StorageNames.Grains)] IPersistentState<SkuStockState> state,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    ILogger<SkuStockGrain> logger) : Grain, ISkuStockGrain
{
    private const int OperationsKept = 200;
    private const long MaxQuantity = 10_000_000;
    private string _locationId = "";
    private string _sku = "";
    private CoalescingStateWriter? _writer;

    private SkuStockState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        _locationId = key["stk:".Length..slash];
        _sku = key[(slash + 1)..];
        // Every write goes through one coalescing writer. Calls do not interleave today: a reservation answers with
        // the level it decided on, which an interleaved sale delta would change under it (ZeroOversellTests). A
        // register's batch already turns many sales into one write here; letting calls share writes across
        // registers needs the reservation calls to be safe under interleaving first.
        _writer = new CoalescingStateWriter(() => state.WriteStateAsync(), _ => DeactivateOnIdle());
        if (state.RecordExists)
        {
            // Covers a crash between a write and its push: the index ignores a version it already holds.
            SchedulePush();
        }

        return Task.CompletedTask;
    }

    public Task<StockLevel> GetAsync() => Task.FromResult(Level());

    public async Task<bool> ApplyDeltaAsync(string source, long sequence, long quantityDelta) =>
        await ApplyDeltasAsync(source, [new SequencedStockDelta(sequence, quantityDelta)]) > 0;

    public async Task<int> ApplyDeltasAsync(string source, IReadOnlyList<SequencedStockDelta> deltas)
    {
        Writer.ThrowIfFailed();
        var mark = S.HighWater.TryGetValue(source, out var seen) ? seen : long.MinValue;
        long sum = 0;
        var applied = 0;
        foreach (var delta in deltas)
        {
            // Ascending by contract; anything at or below the mark (or out of order) is a repeat.
            if (delta.Sequence > mark)
            {
                sum += delta.Quantity;
                mark = delta.Sequence;
                applied++;
            }
        }

        if (applied == 0)
        {
            // Calls do not interleave here, so the call that applied these answered only after its write completed
            // (a failed write makes ThrowIfFailed above refuse every later call of this activation).
            return 0;
        }

        var wasNegative = S.OnHand < 0;
        S.OnHand += sum;
        S.HighWater[source] = mark;
        await SaveAsync();
        if (S.OnHand < 0 && !wasNegative)
        {
            logger.StockWentNegative(_sku, _locationId, S.OnHand);
        }

        return applied;
    }

    public async Task<StockLevel> ApplyOperationAsync(StockOperation operation)
    {
        Ids.Require(operation.OperationId, "operation_id");
        if (S.Operations.Contains(operation.OperationId))
        {
            await CompleteTransferAsync(operation);
            return Level();
        }

        var delta = operation.Kind switch
        {
            StockOperationKind.Receive or StockOperationKind.TransferIn => Positive(operation.Quantity),
            StockOperationKind.TransferOut => -Positive(operation.Quantity),
            StockOperationKind.Adjust => operation.Quantity != 0 && Math.Abs(operation.Quantity) <= MaxQuantity && !string.IsNullOrWhiteSpace(operation.Reason)
                ? operation.Quantity
                : throw PosException.Invalid($"An adjustment needs a non-zero quantity within ±{MaxQuantity} and a reason."),
            StockOperationKind.Count => operation.Quantity is >= 0 and <= MaxQuantity
                ? operation.Quantity - S.OnHand
                : throw PosException.Invalid($"A counted quantity must be 0..{MaxQuantity} (got {operation.Quantity})."),
            _ => throw PosException.Invalid("Unknown stock operation."),
        };
        if (operation.Kind is StockOperationKind.TransferOut or StockOperationKind.TransferIn)
        {
            Ids.Require(operation.OtherLocationId, "other location id");
            if (operation.OtherLocationId == _locationId)
            {
                throw PosException.Invalid("A transfer needs two different locations.");
            }
        }

        S.OnHand += delta;
        S.Operations.Add(operation.OperationId);
        if (S.Operations.Count > OperationsKept)
        {
            S.Operations.RemoveRange(0, S.Operations.Count - OperationsKept);
        }

        await SaveAsync();
        await CompleteTransferAsync(operation);
        return Level();
    }

    public async Task<StockLevel> SetPolicyAsync(long safetyStock, long reorderPoint)
    {
        if (safetyStock is < 0 or > MaxQuantity || reorderPoint is < 0 or > MaxQuantity)
        {
            throw PosException.Invalid($"Safety stock and reorder point must be 0..{MaxQuantity}.");
        }

        S.SafetyStock = safetyStock;
        S.ReorderPoint = reorderPoint;
        await SaveAsync();
        return Level();
    }

    /// <summary>The sending side books the goods in at the destination; a retried transfer repeats this (idempotent there).</summary>
    private Task CompleteTransferAsync(StockOperation operation) => operation.Kind == StockOperationKind.TransferOut
        ? GrainFactory.GetGrain<ISkuStockGrain>(GrainKeys.Stock(operation.OtherLocationId!, _sku))
            .ApplyOperationAsync(operation with { Kind = StockOperationKind.TransferIn, OtherLocationId = _locationId })
        : Task.CompletedTask;

    private static long Positive(long quantity) => quantity is > 0 and <= MaxQuantity
        ? quantity
        : throw PosException.Invalid($"Quantity must be 1..{MaxQuantity} (got {quantity}).");

    private CoalescingStateWriter Writer => _writer ?? throw new InvalidOperationException("The stock grain is not activated.");

    private StockLevel Level() => new(_locationId, _sku, S.OnHand, S.Reserved, S.SafetyStock, S.ReorderPoint);

    /// <summary>
    /// Writes the state (shared with the writes of interleaved calls), then (for a change of the levels) queues the push
    /// to the availability index. If the write fails the in-memory state may be ahead of storage, so the activation is
    /// dropped and the next call starts from what is durable.
    /// </summary>
    private async Task SaveAsync(bool levelsChanged = true)
    {
        if (levelsChanged)
        {
            S.Version++;
        }

        // A failed write deactivates this activation (the writer's failure callback) and fails every later write.
        await Writer.WriteAsync();
        if (levelsChanged)
        {
            SchedulePush();
        }
    }
}
