namespace ChainPos.LoadGen.ChainDay;

/// <summary>A completed sale as the system answered it.</summary>
internal sealed record SaleResult(string SaleId, string Store, string Register, long Sequence, long Total, long PointsEarned, string? CustomerId, IReadOnlyList<(string Sku, int Quantity, long Net)> Lines);

/// <summary>A completed return: its receipt sequence and what was refunded.</summary>
internal sealed record ReturnResult(long Sequence, long Refund, long PointsClawedBack);

/// <summary>
/// A system the chain-day harness drives: ChainPos over gRPC, or the central-database baseline. Calls
/// throw <see cref="Grpc.Core.RpcException"/> for failures (the baseline maps its errors to the same
/// statuses); a refused reservation (not enough stock) is <c>false</c>, not an exception.
/// </summary>
internal interface IChainDaySystem : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Creates stores, registers, catalogue, stock, loyalty accounts and gift cards; idempotent.</summary>
    Task SeedAsync(ChainDayPlan plan);

    /// <summary>Starts a fresh shift on a register and returns the last receipt sequence issued before it.</summary>
    Task<long> OpenShiftAsync(string store, string register, string runId);

    Task<SaleResult> SellAsync(string store, string register, SaleOperation sale);

    /// <summary>Returns line <paramref name="lineIndex"/> of <paramref name="original"/> in full, refunded in cash.</summary>
    Task<ReturnResult> ReturnAsync(string store, string register, string returnId, SaleResult original, int lineIndex);

    Task<bool> ReserveAsync(WebOrderOperation order);

    Task CommitAsync(string orderId);

    Task ReleaseAsync(string orderId);

    /// <summary>Reads stock, balances and receipt counters for the plan's data set.</summary>
    Task<Snapshot> ReadAsync(ChainDayPlan plan, IEnumerable<StockKey> stock, IEnumerable<(string Store, string Register)> registers);
}
