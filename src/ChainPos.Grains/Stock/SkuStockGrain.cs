using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;
using ChainPos.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Stock;

/// <summary>
/// One SKU at one location. Sales, receipts, counts and transfers here; online reservations in
/// <c>SkuStockGrain.Reservations.cs</c> (their expiry in <c>.Expiry.cs</c>); the push to the availability index in
/// <c>SkuStockGrain.Availability.cs</c>; shared durable writes in <c>SkuStockGrain.Writes.cs</c>. Reentrant: every call
/// decides in one turn and awaits only its write.
/// </summary>
[Reentrant]
internal sealed partial class SkuStockGrain(
    [PersistentState("stock", StorageNames.Grains)] IPersistentState<SkuStockState> state,
    IOptions<CommerceOptions> options,
    IOptions<CheckoutOptions> checkout,
    TimeProvider time,
    ChainPosMetrics metrics,
    ILogger<SkuStockGrain> logger) : Grain, ISkuStockGrain, IRemindable
{
    private const int OperationsKept = 200;
    private const long MaxQuantity = 10_000_000;
    private string _locationId = "";
    private string _sku = "";

    private SkuStockState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        _locationId = key["stk:".Length..slash];
        _sku = key[(slash + 1)..];
        _durableVersion = S.Version;
        if (state.RecordExists)
        {
            // Covers a crash between a write and its push: the index ignores a version it already holds.
            QueueLowStock(CurrentLowStock(), onActivation: true);
            SchedulePush(CurrentAvailability());
            ScheduleExpiry();
        }

        return Task.CompletedTask;
    }

    public Task<StockLevel> GetAsync() => Task.FromResult(Level());

    public async Task<bool> ApplyDeltaAsync(string source, long sequence, long quantityDelta) =>
        await ApplyDeltasAsync(source, [new SequencedStockDelta(sequence, quantityDelta)]) > 0;

    public async Task<int> ApplyDeltasAsync(string source, IReadOnlyList<SequencedStockDelta> deltas)
    {
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
            // A repeat: the call that made the change may still be writing it; answer once it is durable.
            await DurableAsync(deferred: true);
            return 0;
        }

        var before = S.OnHand;
        var previousMark = S.HighWater.TryGetValue(source, out var previous) ? previous : long.MinValue;
        var overQuota = ConsumeQuota(source, deltas, previousMark);
        RecordSaleMovements(deltas, previousMark, source);
        S.OnHand += sum;
        var after = S.OnHand;
        S.HighWater[source] = mark;
        // The register keeps these deltas until this returns (and re-sends them after a crash, de-duplicated by the
        // mark), so the write may wait a moment for other registers' deltas; reads see them at once.
        await SaveAsync(deferred: true);
        OnHandChanged(before, after);
        ReportOverQuota(source, overQuota);
        return applied;
    }

    public async Task<StockLevel> ApplyOperationAsync(StockOperation operation)
    {
        Ids.Require(operation.OperationId, "operation_id");
        if (S.Operations.Contains(operation.OperationId))
        {
            await DurableAsync();
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

        var before = S.OnHand;
        S.OnHand += delta;
        Record(MovementKind(operation.Kind), delta, operation.OperationId);
        S.Operations.Add(operation.OperationId);
        if (S.Operations.Count > OperationsKept)
        {
            S.Operations.RemoveRange(0, S.Operations.Count - OperationsKept);
        }

        var after = S.OnHand;
        await SaveAsync();
        OnHandChanged(before, after);
        await CompleteTransferAsync(operation);
        return Level();
    }

    public async Task<StockLevel> SetPolicyAsync(long safetyStock, long reorderPoint, long targetLevel = 0, long offlineQuota = 0)
    {
        if (safetyStock is < 0 or > MaxQuantity || reorderPoint is < 0 or > MaxQuantity || targetLevel is < 0 or > MaxQuantity || offlineQuota is < 0 or > MaxQuantity)
        {
            throw PosException.Invalid($"Safety stock, reorder point, target level and offline quota must be 0..{MaxQuantity}.");
        }

        if (targetLevel != 0 && targetLevel <= reorderPoint)
        {
            throw PosException.Invalid($"The target level ({targetLevel}) must be above the reorder point ({reorderPoint}), or 0.");
        }

        S.SafetyStock = safetyStock;
        S.ReorderPoint = reorderPoint;
        S.TargetLevel = targetLevel;
        var wasLimited = S.OfflineQuota > 0;
        S.OfflineQuota = offlineQuota; // leases already granted keep their units until they end
        var saved = SaveAsync();
        var version = S.Version; // SaveAsync counted this change before its first await
        await saved;
        if (wasLimited || offlineQuota > 0)
        {
            // After the write: a failure here fails the call, and the caller's retry (same policy) lists it again.
            await GrainFactory.Grain<IStockQuotaIndexGrain>(GrainKeys.QuotaIndex(_locationId)).SetAsync(_sku, offlineQuota, version);
        }

        return Level();
    }

    /// <summary>The sending side books the goods in at the destination; a retried transfer repeats this (idempotent there).</summary>
    private Task CompleteTransferAsync(StockOperation operation) => operation.Kind == StockOperationKind.TransferOut
        ? GrainFactory.Grain<ISkuStockGrain>(GrainKeys.Stock(operation.OtherLocationId!, _sku))
            .ApplyOperationAsync(operation with { Kind = StockOperationKind.TransferIn, OtherLocationId = _locationId })
        : Task.CompletedTask;

    private static long Positive(long quantity) => quantity is > 0 and <= MaxQuantity
        ? quantity
        : throw PosException.Invalid($"Quantity must be 1..{MaxQuantity} (got {quantity}).");

    private StockLevel Level() => new(_locationId, _sku, S.OnHand, S.Reserved, S.SafetyStock, S.ReorderPoint, S.TargetLevel, S.OfflineQuota);
}
