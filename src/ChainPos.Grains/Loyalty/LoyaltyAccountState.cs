using ChainPos.Abstractions.Loyalty;
using LoyaltyTier = ChainPos.Abstractions.Loyalty.LoyaltyTier;
using ChainPos.Grains.Allowances;
using ChainPos.Grains.Holds;
using ChainPos.Grains.Reports;

namespace ChainPos.Grains.Loyalty;

/// <summary>Persisted state of a loyalty account (state name "loyalty"). Minimal personal data by design.</summary>
[GenerateSerializer]
public sealed class LoyaltyAccountState : ILiabilityHolderState
{
    [Id(0)] public bool Enrolled { get; set; }
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public string? Email { get; set; }
    [Id(3)] public DateTimeOffset EnrolledAt { get; set; }
    [Id(4)] public string EnrolledStore { get; set; } = "";
    [Id(5)] public long Points { get; set; }
    [Id(6)] public Dictionary<string, HoldEntry> Holds { get; set; } = [];
    /// <summary>Applied entry references, oldest first (bounded), for idempotent effects.</summary>
    [Id(7)] public List<string> Applied { get; set; } = [];
    /// <summary>Newest first, at most 50: the purchase history shown at the till.</summary>
    [Id(8)] public List<LoyaltyActivityView> Recent { get; set; } = [];
    /// <summary>Net spend per month ("yyyy-MM"), last 12 months, for the rolling tier.</summary>
    [Id(9)] public Dictionary<string, long> SpendByMonth { get; set; } = [];
    [Id(10)] public LoyaltyTier Tier { get; set; }
    /// <summary>
    /// Number of points changes since liability reporting began (0 on accounts stored before it): the version of the
    /// balance this account reports to its liability shard. Stored by the write that stores the change.
    /// </summary>
    [Id(11)] public long LiabilityVersion { get; set; }
    /// <summary>Allowances of points leased to registers for offline spending, by lease id (finished ones bounded).</summary>
    [Id(12)] public Dictionary<string, AllowanceEntry> Leases { get; set; } = [];
    /// <summary>Recent offline spend ids charged against allowances (bounded), so each is charged once.</summary>
    [Id(13)] public List<string> LeaseSpends { get; set; } = [];
    /// <summary>The newest version its liability shard has counted, stored with the account's next write (0: none).</summary>
    [Id(14)] public long LiabilityCountedVersion { get; set; }
    /// <summary>The points counted at <see cref="LiabilityCountedVersion"/>.</summary>
    [Id(15)] public long LiabilityCountedBalance { get; set; }
}
