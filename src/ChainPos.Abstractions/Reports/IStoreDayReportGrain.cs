namespace ChainPos.Abstractions.Reports;

/// <summary>
/// The sales projection of one store for one business day, fed by the registers' outboxes.
/// Key: <see cref="ReportKeys.StoreDay"/>.
/// </summary>
public interface IStoreDayReportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds sales of one register, in outbox order. Exactly once: a sale whose sequence is at or below the highest
    /// already applied for that register is skipped, so a retried delivery changes nothing. Returns when durable.
    /// </summary>
    Task ReportSalesAsync(DaySalesBatch batch);

    /// <summary>
    /// Takes returns and voids of one register off the day's figures, in outbox order. Exactly once, like sales, on a
    /// high-water mark of its own per register. Returns when durable.
    /// </summary>
    Task ReportRefundsAsync(DayRefundsBatch batch);

    /// <summary>
    /// Adds this store's share of a committed web order, once per order id (a repeat changes nothing). Returns when
    /// durable. A delivery sent longer ago than the de-duplication window is refused (the sender, still committing,
    /// sends it again).
    /// </summary>
    Task ReportWebOrderAsync(WebOrderSale order);

    /// <summary>
    /// The order is durably committed at its sender, so it will not be reported again: its id leaves the day's set of
    /// counted orders and is kept only for the de-duplication window (with the next write, not a write of its own).
    /// </summary>
    Task ForgetWebOrderAsync(string orderId);

    /// <summary>The day's figures (all zero when nothing was sold).</summary>
    [ReadOnly]
    Task<DaySalesView> GetAsync();
}

/// <summary>
/// The chain's index of one business day: the stores that reported sales, so chain-wide reports ask exactly
/// those store-day grains and never scan. Key: <see cref="ReportKeys.ChainDay"/>.
/// </summary>
public interface IChainDayReportGrain : IGrainWithStringKey
{
    /// <summary>Adds a store to the day's list (idempotent). Returns when durable.</summary>
    Task AddStoreAsync(string storeId);

    /// <summary>The stores that sold on this day, ordered by id.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> StoresAsync();

    /// <summary>The day chain-wide: each listed store's figures and their sum (asks only the listed store-day grains).</summary>
    [ReadOnly]
    Task<ChainDaySalesView> GetAsync();
}

/// <summary>
/// Where the register outbox sends committed sales: routes each to its store's business-day grain (the day is
/// taken in the store's time zone). Stateless; key <see cref="ReportKeys.Feed"/>.
/// </summary>
public interface ISalesReportFeedGrain : IGrainWithStringKey
{
    /// <summary>Delivers sales of one register, in outbox order; completes when every target has them durably.</summary>
    Task ReportSalesAsync(string storeId, string registerId, IReadOnlyList<ReportedSale> sales);

    /// <summary>Delivers returns and voids of one register, in outbox order, to the store-days on which they happened.</summary>
    Task ReportRefundsAsync(string storeId, string registerId, IReadOnlyList<ReportedRefund> refunds);

    /// <summary>
    /// Delivers a committed web order to the business day (of its commit) of every store that fulfils units of it, each
    /// store its own units. Completes when every target has it durably; safe to repeat.
    /// </summary>
    Task ReportWebOrderAsync(Commerce.WebOrderRecord order);

    /// <summary>Tells the same store-days that the order is durably committed and will not be reported again.</summary>
    Task ForgetWebOrderAsync(Commerce.WebOrderRecord order);
}
