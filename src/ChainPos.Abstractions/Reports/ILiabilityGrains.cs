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
/// <see cref="BaseVersion"/> and <see cref="BaseBalance"/> are what the holder has stored as already counted by its
/// shard (0 and 0: nothing counted yet); <see cref="SentAt"/> is the sender's clock when it sent the report.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.LiabilityReport")]
public sealed record LiabilityReport(string Holder, long Version, long Balance, string Unit, long BaseVersion, long BaseBalance, DateTimeOffset SentAt);

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
/// One shard of a chain liability: the shard's totals per unit, and only the holders whose counted balance the holder
/// may not have stored yet (bounded by recent activity, not by the number of holders). Key: <see cref="LiabilityKeys.Shard"/>.
/// </summary>
public interface ILiabilityShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the holder's counted balance with <paramref name="report"/> when its version is newer than the one
    /// counted (the shard's pending entry, else the report's base); an equal or older version (a retry or a late
    /// report) changes nothing. A report sent more than 5 minutes ago is refused (FAILED_PRECONDITION): send it again.
    /// Returns when durable.
    /// </summary>
    Task ReportAsync(LiabilityReport report);

    /// <summary>
    /// The holder has durably stored <paramref name="version"/> as its counted base: the shard may drop its entry
    /// (10 minutes after its last change, so a late report is still recognised). No write of its own.
    /// </summary>
    [OneWay]
    Task ForgetAsync(string holder, long version);

    /// <summary>How many holders the shard keeps entries for (its state's only part that grows).</summary>
    [ReadOnly]
    Task<int> GetPendingCountAsync();

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

/// <summary>A gift card or loyalty account as a holder of liability.</summary>
public interface ILiabilityHolderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes sure the holder is counted once. An issued card or enrolled account stored before liability reporting
    /// (version 0) stores version 1 and then reports its whole balance; any other is left unchanged (its stored balance
    /// is sent again if its shard has not counted it). Serialised with the holder's other calls, so safe while sales
    /// flow and when repeated. True when it was newly counted.
    /// </summary>
    Task<bool> CountLiabilityAsync();
}

/// <summary>One page of a liability back-fill: holders visited, how many were newly counted, and the key to go on after (empty: done).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.LiabilityBackfillPage")]
public sealed record LiabilityBackfillPage(int Visited, int Counted, string Next);

/// <summary>Walks the stored gift cards or loyalty accounts a page at a time and counts each (stateless; key <see cref="LiabilityKeys.Chain"/>).</summary>
public interface ILiabilityBackfillGrain : IGrainWithStringKey
{
    /// <summary>
    /// Calls <see cref="ILiabilityHolderGrain.CountLiabilityAsync"/> on at most <paramref name="limit"/> stored holders
    /// of <paramref name="kind"/> whose keys follow <paramref name="after"/> in key order. FAILED_PRECONDITION on memory storage.
    /// </summary>
    Task<LiabilityBackfillPage> BackfillAsync(LiabilityKind kind, string after, int limit);
}
