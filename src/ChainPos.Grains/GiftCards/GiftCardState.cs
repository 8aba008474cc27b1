using ChainPos.Grains.Allowances;
using ChainPos.Grains.Holds;
using ChainPos.Grains.Reports;

namespace ChainPos.Grains.GiftCards;

/// <summary>Persisted state of a gift card (state name "giftcard"). The code is never stored, only its mask.</summary>
[GenerateSerializer]
public sealed class GiftCardState : ILiabilityHolderState
{
    [Id(0)] public bool Issued { get; set; }
    [Id(1)] public string? Currency { get; set; }
    [Id(2)] public string MaskedCode { get; set; } = "****";
    [Id(3)] public long Balance { get; set; }
    [Id(4)] public Dictionary<string, HoldEntry> Holds { get; set; } = [];
    /// <summary>Recent load operation ids (bounded), for idempotent activation and reloads.</summary>
    [Id(5)] public List<string> Loads { get; set; } = [];
    /// <summary>
    /// Number of balance changes since liability reporting began (0 on cards stored before it): the version of the
    /// balance this card reports to its liability shard. Stored by the write that stores the change.
    /// </summary>
    [Id(6)] public long LiabilityVersion { get; set; }
    /// <summary>Allowances leased to registers for offline spending, by lease id (finished ones bounded).</summary>
    [Id(7)] public Dictionary<string, AllowanceEntry> Leases { get; set; } = [];
    /// <summary>Recent offline spend ids charged against allowances (bounded), so each is charged once.</summary>
    [Id(8)] public List<string> LeaseSpends { get; set; } = [];
    /// <summary>The newest version its liability shard has counted, stored with the card's next write (0: none).</summary>
    [Id(9)] public long LiabilityCountedVersion { get; set; }
    /// <summary>The balance counted at <see cref="LiabilityCountedVersion"/>.</summary>
    [Id(10)] public long LiabilityCountedBalance { get; set; }
}
