namespace ChainPos.Abstractions.Checkout;

/// <summary>The durable record of a completed sale, kept for returns, voids and look-ups.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.SaleRecordData")]
public sealed record SaleRecordData(
    string StoreId,
    string RegisterId,
    string ShiftId,
    SaleReceipt Receipt,
    IReadOnlyList<TenderRecord> Tenders,
    string? CustomerId,
    DateTimeOffset OccurredAt,
    string? ApprovedBy = null);

/// <summary>A sale record with what has since been returned or voided.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.SaleRecordView")]
public sealed record SaleRecordView(SaleRecordData Sale, IReadOnlyList<ReturnClaim> Returns, string? VoidId);

/// <summary>The durable record of one sale. Key: <see cref="GrainKeys.Sale"/>.</summary>
public interface ISaleRecordGrain : IGrainWithStringKey
{
    /// <summary>Stores the record; a second call is a no-op.</summary>
    Task RecordAsync(SaleRecordData sale);

    /// <summary>The record, or null when there is none (yet).</summary>
    [ReadOnly]
    Task<SaleRecordView?> GetAsync();

    /// <summary>
    /// Claims lines for a return: refunds at what was paid per unit (discounts and tax pro rata),
    /// never more units than remain. Idempotent by return id. Refused (changing nothing) when the refund
    /// no longer equals <paramref name="expectedRefundTotal"/>, the amount the caller checked its tenders against.
    /// </summary>
    Task<ReturnClaim> ClaimReturnAsync(string returnId, IReadOnlyList<ReturnLineSpec> lines, long expectedRefundTotal);

    /// <summary>Marks the sale voided; fails if anything was returned. Idempotent by void id.</summary>
    Task MarkVoidedAsync(string voidId);
}

[GenerateSerializer, Immutable, Alias("chainpos.SuspendedSale")]
public sealed record SuspendedSale(
    string SuspendId,
    string Label,
    string RegisterId,
    IReadOnlyList<SaleLineSpec> Lines,
    string? CustomerId,
    DateTimeOffset SuspendedAt);

/// <summary>A store's parked baskets, resumable on any of its registers. Key: <see cref="GrainKeys.SuspendedSales"/>.</summary>
public interface ISuspendedSalesGrain : IGrainWithStringKey
{
    /// <summary>Parks a basket. Idempotent by suspend id.</summary>
    Task<SuspendedSale> SuspendAsync(SuspendedSale sale);

    /// <summary>Removes and returns a parked basket; NotFound when there is none with that id.</summary>
    Task<SuspendedSale> ResumeAsync(string suspendId);

    [ReadOnly]
    Task<IReadOnlyList<SuspendedSale>> ListAsync();
}
