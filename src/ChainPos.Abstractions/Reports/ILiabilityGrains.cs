using System.Globalization;

namespace ChainPos.Abstractions.Reports;

/// <summary>What a liability is counted in: gift card balances (minor units of the card's currency) or loyalty points.</summary>
[GenerateSerializer]
public enum LiabilityKind
{
    GiftCards = 1,
    LoyaltyPoints = 2,
}

/// <summary>
/// A holder's (gift card's or loyalty account's) absolute balance after its durable change number
/// <see cref="Version"/>. <see cref="Unit"/> is the card's currency, or <see cref="LiabilityKeys.Points"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.LiabilityReport")]
public sealed record LiabilityReport(string Holder, long Version, long Balance, string Unit);

/// <summary>An outstanding amount in one unit (a currency or points) and the number of holders counted in it.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.LiabilityTotal")]
public sealed record LiabilityTotal(string Unit, long Amount, long Holders);

/// <summary>The chain's outstanding gift card balances per currency and outstanding loyalty points.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.ChainLiabilityView")]
public sealed record ChainLiabilityView(IReadOnlyList<LiabilityTotal> GiftCards, LiabilityTotal LoyaltyPoints, int Shards);

/// <summary>Keys and sharding of the liability grains.</summary>
public static class LiabilityKeys
{
    /// <summary>Shards per kind: a chain read asks this many grains in parallel.</summary>
    public const int ShardCount = 64;

    /// <summary>The unit of loyalty liability.</summary>
    public const string Points = "points";

    /// <summary>The stateless reader that sums the shards.</summary>
    public const string Chain = "liability";

    /// <summary>"liability:giftcards:{shard}" or "liability:points:{shard}".</summary>
    public static string Shard(LiabilityKind kind, int shard) =>
        (kind == LiabilityKind.GiftCards ? "liability:giftcards:" : "liability:points:") + shard.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shard of a holder (its grain key): a stable FNV-1a hash, so every process agrees.</summary>
    public static int ShardOf(string holder)
    {
        uint hash = 2166136261;
        foreach (var c in holder)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % ShardCount);
    }
}

/// <summary>
/// One shard of a chain liability: per holder of the shard the newest (version, balance) it reported, and the
/// shard's totals per unit. Key: <see cref="LiabilityKeys.Shard"/>.
/// </summary>
public interface ILiabilityShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the holder's counted balance with <paramref name="report"/> when its version is newer than the one
    /// held; an equal or older version (a retry or a late report) changes nothing. Returns when durable.
    /// </summary>
    Task ReportAsync(LiabilityReport report);

    /// <summary>The shard's totals per unit.</summary>
    [ReadOnly]
    Task<IReadOnlyList<LiabilityTotal>> GetAsync();
}

/// <summary>Sums the shards of both liabilities (64 + 64 parallel reads, no scan of cards or accounts). Stateless; key <see cref="LiabilityKeys.Chain"/>.</summary>
public interface IChainLiabilityGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<ChainLiabilityView> GetAsync();
}
