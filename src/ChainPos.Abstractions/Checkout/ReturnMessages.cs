namespace ChainPos.Abstractions.Checkout;

[GenerateSerializer, Immutable, Alias("chainpos.ReturnLineSpec")]
public sealed record ReturnLineSpec(string Sku, int Quantity, long? UnitRefund = null);

[GenerateSerializer, Immutable, Alias("chainpos.ReturnCommand")]
public sealed record ReturnCommand(
    string ReturnId,
    string? OriginalSaleId,
    IReadOnlyList<ReturnLineSpec> Lines,
    IReadOnlyList<TenderSpec> RefundTenders,
    string Currency,
    string? SupervisorId = null,
    string? SupervisorPin = null,
    string? Reason = null);

[GenerateSerializer, Immutable, Alias("chainpos.ReturnReceipt")]
public sealed record ReturnReceipt(
    string ReturnId,
    long ReceiptSequence,
    string ReceiptNumber,
    string Currency,
    IReadOnlyList<PricedLineView> Lines,
    long RefundTotal,
    long TaxRefunded,
    bool Replayed = false);

[GenerateSerializer, Immutable, Alias("chainpos.VoidCommand")]
public sealed record VoidCommand(string VoidId, string SaleId, string SupervisorId, string SupervisorPin, string? Reason);

[GenerateSerializer, Immutable, Alias("chainpos.VoidReceipt")]
public sealed record VoidReceipt(string VoidId, string SaleId, long ReceiptSequence, string ReceiptNumber, long RefundTotal, bool Replayed = false);

/// <summary>Lines of an earlier sale claimed by a return; quantities per SKU with the amounts refunded.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.ReturnClaim")]
public sealed record ReturnClaim(string ReturnId, IReadOnlyList<PricedLineView> Lines, long RefundTotal, long TaxRefunded);
