using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Checkout;

/// <summary>Persisted state of a sale record (state name "sale").</summary>
[GenerateSerializer]
public sealed class SaleRecordState
{
    [Id(0)] public SaleRecordData? Sale { get; set; }
    [Id(1)] public List<ReturnClaim> Returns { get; set; } = [];
    [Id(2)] public string? VoidId { get; set; }
}

/// <summary>Persisted state of a store's parked baskets (state name "parked").</summary>
[GenerateSerializer]
public sealed class SuspendedSalesState
{
    [Id(0)] public List<SuspendedSale> Sales { get; set; } = [];
    /// <summary>Ids resumed recently, so a retried suspend does not park the basket again.</summary>
    [Id(1)] public List<string> Resumed { get; set; } = [];
}
