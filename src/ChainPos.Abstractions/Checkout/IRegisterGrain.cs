namespace ChainPos.Abstractions.Checkout;

/// <summary>What the register knows of a sale id: used by gift card and loyalty holds to decide,
/// after their expiry, whether to capture or release.</summary>
[GenerateSerializer]
public enum SaleOutcome
{
    /// <summary>Never committed, and never will be (the register refuses holds this close to expiry).</summary>
    NotCommitted = 0,
    Committed = 1,
}

/// <summary>
/// One till: its shift, its gap-free receipt numbers, and the sales it completes. A sale is made
/// durable in this grain's state (with an outbox of its effects) before it is acknowledged; the
/// outbox then drives stock, loyalty, gift card and the sale record until each has applied it.
/// Key: <see cref="GrainKeys.Register"/>.
/// </summary>
public interface IRegisterGrain : IGrainWithStringKey
{
    /// <summary>Opens a shift. Idempotent by shift id; fails if another shift is open.</summary>
    Task<ShiftOpened> OpenShiftAsync(OpenShiftCommand command);

    /// <summary>Closes the open shift and returns the Z-report; closing an already-closed shift id returns its Z-report again.</summary>
    Task<ShiftReportView> CloseShiftAsync(string shiftId, long countedCash);

    /// <summary>The X-report of the open shift (or the last Z-report when none is open).</summary>
    [ReadOnly]
    Task<ShiftReportView> GetShiftReportAsync();

    /// <summary>Prices, tenders and commits a sale. Idempotent by sale id.</summary>
    Task<SaleReceipt> CompleteSaleAsync(CompleteSaleCommand command);

    /// <summary>
    /// Records a sale the register made offline, as it was charged, exactly once by sale id and strictly in
    /// the register's offline order; a sale of an already-closed shift corrects that shift's Z-report.
    /// </summary>
    Task<OfflineSaleResult> SubmitOfflineSaleAsync(OfflineSaleCommand command);

    /// <summary>Applies a shift the register opened offline, exactly once by shift id, in the register's offline order.</summary>
    Task<OfflineShiftOpened> SubmitOfflineShiftOpenAsync(OfflineShiftOpenCommand command);

    /// <summary>Counts a no-sale drawer opening made offline on its shift, exactly once by operation id, in the register's offline order.</summary>
    Task<OfflineNoSaleApplied> SubmitOfflineNoSaleAsync(OfflineNoSaleCommand command);

    /// <summary>
    /// Applies a cash return made offline against a sale of this register, exactly once by return id (shared with
    /// <see cref="ReturnAsync"/>), in the register's offline order; one of an already-closed shift corrects that shift's Z-report.
    /// </summary>
    Task<OfflineReturnApplied> SubmitOfflineReturnAsync(OfflineReturnCommand command);

    /// <summary>Refunds goods with or without a receipt. Idempotent by return id.</summary>
    Task<ReturnReceipt> ReturnAsync(ReturnCommand command);

    /// <summary>Voids a sale of the open shift. Idempotent by void id.</summary>
    Task<VoidReceipt> VoidSaleAsync(VoidCommand command);

    /// <summary>Paid in / paid out / no sale. Idempotent by operation id; returns the expected cash.</summary>
    Task<long> RecordCashMovementAsync(CashMovementCommand command);

    /// <summary>Whether a sale id was committed here. Interleaves, so a hold's owner can ask while this register waits on it.</summary>
    [AlwaysInterleave]
    Task<SaleOutcome> GetSaleOutcomeAsync(string saleId);

    /// <summary>Applies every pending effect now; returns how many effects are still pending (0 when all applied).</summary>
    Task<int> FlushOutboxAsync();

    /// <summary>
    /// The store's settings changed to <paramref name="version"/>: the register drops its copy if older and reads them
    /// again on its next transaction. Sent by the store grain before its change is acknowledged; interleaves.
    /// </summary>
    [AlwaysInterleave]
    Task StoreSettingsChangedAsync(long version);
}
