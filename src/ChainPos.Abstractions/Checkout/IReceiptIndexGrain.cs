namespace ChainPos.Abstractions.Checkout;

/// <summary>A receipt sequence of a register and the sale it was printed for.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.ReceiptIndexEntry")]
public sealed record ReceiptIndexEntry(long Sequence, string SaleId);

/// <summary>
/// Receipt number → sale id for one register, in buckets of <see cref="GrainKeys.ReceiptIndexBucketSize"/> sequences,
/// fed by the register's outbox next to the sale records, so a receipt number is found with one grain call instead
/// of a scan. Key: <see cref="GrainKeys.ReceiptIndex"/>.
/// </summary>
public interface IReceiptIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds entries; an entry already held is a no-op (outbox retries send them again).</summary>
    Task AddAsync(IReadOnlyList<ReceiptIndexEntry> entries);

    /// <summary>The sale id printed with <paramref name="sequence"/>, or null.</summary>
    [ReadOnly]
    Task<string?> FindAsync(long sequence);
}
