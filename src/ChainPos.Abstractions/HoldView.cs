namespace ChainPos.Abstractions;

[GenerateSerializer]
public enum HoldStatus
{
    Active = 1,
    Captured = 2,
    Voided = 3,
    Expired = 4,
}

/// <summary>A hold on a gift card balance (amount in minor units) or on loyalty points (amount in points).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.HoldView")]
public sealed record HoldView(string HoldId, long Amount, DateTimeOffset ExpiresAt, HoldStatus Status, long AvailableAfter);

/// <summary>
/// Who may capture a hold: the register that committed (or is committing) the sale. After the
/// hold expires its owner is asked whether the sale committed before the hold is released.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.HoldOwner")]
public sealed record HoldOwner(string StoreId, string RegisterId, string SaleId);
