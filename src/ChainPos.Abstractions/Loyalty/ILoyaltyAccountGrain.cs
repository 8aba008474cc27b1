using ChainPos.Abstractions.Reports;
using ChainPos.Abstractions.Allowances;

namespace ChainPos.Abstractions.Loyalty;

[GenerateSerializer]
public enum LoyaltyTier
{
    Standard = 0,
    Silver = 1,
    Gold = 2,
}

[GenerateSerializer, Immutable, Alias("chainpos.LoyaltyActivityView")]
public sealed record LoyaltyActivityView(string Reference, string StoreId, long Points, long Spend, DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("chainpos.LoyaltyAccountView")]
public sealed record LoyaltyAccountView(
    string CustomerId,
    string DisplayName,
    long Points,
    long AvailablePoints,
    LoyaltyTier Tier,
    long RollingSpend,
    IReadOnlyList<LoyaltyActivityView> Recent,
    DateTimeOffset EnrolledAt);

/// <summary>A purchase, return or refund as it affects an account. <see cref="Reference"/> is the idempotency key.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.LoyaltyEntry")]
public sealed record LoyaltyEntry(
    string Reference,
    string StoreId,
    long Spend,
    long PointsEarned,
    string? CaptureHoldId,
    long PointsRefunded,
    LoyaltyRuleSpecRef Rule,
    DateTimeOffset At);

/// <summary>The tier thresholds the entry's store applies.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.LoyaltyRuleSpecRef")]
public sealed record LoyaltyRuleSpecRef(long SilverSpend, long GoldSpend);

/// <summary>
/// A customer's points, tier and recent purchases; holds make points spendable as a tender.
/// Key: <see cref="GrainKeys.Loyalty"/>. Allowances of points leased to registers (<see cref="IAllowanceGrain"/>)
/// are held out of the available points.
/// </summary>
public interface ILoyaltyAccountGrain : IAllowanceGrain, ILiabilityHolderGrain
{
    /// <summary>Enrols the customer; enrolling again returns the existing account unchanged.</summary>
    Task<LoyaltyAccountView> EnrolAsync(string displayName, string? email, string storeId);

    /// <summary>The account, or null when the customer is not enrolled.</summary>
    [ReadOnly]
    Task<LoyaltyAccountView?> GetAsync();

    /// <summary>Holds points (≤ available). Idempotent by hold id.</summary>
    Task<HoldView> HoldPointsAsync(string holdId, long points, TimeSpan ttl, HoldOwner? owner);

    /// <summary>Binds an existing active hold to a sale before it commits (see the gift card's ClaimHold).</summary>
    Task<HoldView> ClaimHoldAsync(string holdId, long points, TimeSpan ttl, HoldOwner owner);

    /// <summary>Releases an active hold.</summary>
    Task<HoldView> VoidHoldAsync(string holdId);

    /// <summary>Applies a purchase or return: earns/claws back points, captures a hold, refunds points, moves spend. Idempotent by reference.</summary>
    Task ApplyAsync(LoyaltyEntry entry);
}
