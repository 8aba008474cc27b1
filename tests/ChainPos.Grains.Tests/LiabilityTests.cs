using ChainPos.Abstractions;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Reports;
using ChainPos.Domain;

namespace ChainPos.Grains.Tests;

/// <summary>The chain's outstanding gift card and loyalty liability, fed by the cards and accounts through the shards.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiabilityTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    private static readonly LoyaltyRuleSpecRef Rule = new(50_000, 200_000);

    private IChainLiabilityGrain Chain => fixture.Grains.GetGrain<IChainLiabilityGrain>(LiabilityKeys.Chain);

    private async Task<IGiftCardGrain> IssueAsync(long amount, string currency)
    {
        var code = "6" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var card = fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)));
        await card.LoadAsync(ClusterFixture.NewId("issue"), amount, currency, GiftCardCodes.Mask(code));
        return card;
    }

    private async Task<LiabilityTotal?> GiftCardsAsync(string currency) =>
        (await Chain.GetAsync()).GiftCards.SingleOrDefault(t => t.Unit == currency);

    /// <summary>Polls until <paramref name="read"/> gives <paramref name="expected"/> (pushes land in a timer turn) and returns the last value.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, T expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var value = await read();
        while (!Equals(value, expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = await read();
        }

        return value;
    }

    /// <summary>The value once it has stopped moving (earlier tests' pushes have landed).</summary>
    private static async Task<T> SettledAsync<T>(Func<Task<T>> read)
    {
        var value = await read();
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(200);
            var again = await read();
            if (Equals(again, value))
            {
                return value;
            }

            value = again;
        }

        return value;
    }

    [Fact]
    public async Task GiftCards_IssueReloadRedeem_ChangeTheLiabilityByExactlyThoseAmounts_PerCurrency()
    {
        // NZD and CAD are used by no other test of the cluster, so the chain's totals in them are this test's cards.
        var first = await IssueAsync(5_000, "NZD");
        var second = await IssueAsync(2_500, "NZD");
        var other = await IssueAsync(1_234, "CAD");
        Assert.Equal(new LiabilityTotal("NZD", 7_500, 2), await EventuallyAsync(() => GiftCardsAsync("NZD"), new LiabilityTotal("NZD", 7_500, 2)));

        var reload = ClusterFixture.NewId("reload");
        await first.LoadAsync(reload, 1_000, "NZD", "****");
        await first.LoadAsync(reload, 1_000, "NZD", "****"); // a retried reload loads once
        await second.HoldAsync("redeem", 700, "NZD", Ttl, null);
        await second.CaptureAsync("redeem");
        await second.CaptureAsync("redeem"); // a retried capture debits once
        await other.HoldAsync("held", 234, "CAD", Ttl, null); // a hold is not a redemption: the balance is still owed

        var expected = new LiabilityTotal("NZD", 5_000 + 1_000 + 2_500 - 700, 2);
        Assert.Equal(expected, await EventuallyAsync(() => GiftCardsAsync("NZD"), expected));
        Assert.Equal(new LiabilityTotal("CAD", 1_234, 1), await EventuallyAsync(() => GiftCardsAsync("CAD"), new LiabilityTotal("CAD", 1_234, 1)));
        Assert.Equal(7_800, (await first.GetAsync()).Balance + (await second.GetAsync()).Balance);

        // Deactivated cards report their stored balance again on activation: the shard does not count it twice.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await first.GetAsync();
        await second.GetAsync();
        await Task.Delay(500);
        Assert.Equal(expected, await GiftCardsAsync("NZD"));
    }

    /// <summary>A report as a holder that has stored nothing counted yet sends it, now.</summary>
    private static LiabilityReport Report(string holder, long version, long balance, string unit) =>
        new(holder, version, balance, unit, 0, 0, ClusterFixture.Time.GetUtcNow());

    [Fact]
    public async Task Shard_RepeatedLateAndConcurrentReports_CountEachHolderOnce()
    {
        // A holder key of its own in a unit no card uses, sent straight to its shard as a retrying card would.
        var holder = ClusterFixture.NewId("gc:test");
        var shard = fixture.Grains.GetGrain<ILiabilityShardGrain>(LiabilityKeys.Shard(LiabilityKind.GiftCards, LiabilityKeys.ShardOf(holder)));
        async Task<LiabilityTotal?> Isk() => (await shard.GetAsync()).SingleOrDefault(t => t.Unit == "ISK");

        await shard.ReportAsync(Report(holder, 1, 100, "ISK"));
        await shard.ReportAsync(Report(holder, 1, 100, "ISK"));
        Assert.Equal(new LiabilityTotal("ISK", 100, 1), await Isk());

        await shard.ReportAsync(Report(holder, 3, 300, "ISK"));
        await shard.ReportAsync(Report(holder, 2, 200, "ISK")); // late: older than what is counted
        Assert.Equal(new LiabilityTotal("ISK", 300, 1), await Isk());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => shard.ReportAsync(Report(holder, 4, 40, "ISK"))));
        Assert.Equal(new LiabilityTotal("ISK", 40, 1), await Isk());

        var chain = (await Chain.GetAsync()).GiftCards.Single(t => t.Unit == "ISK");
        Assert.Equal(new LiabilityTotal("ISK", 40, 1), chain);
    }

    [Fact]
    public async Task Points_EarnAndRedeem_ChangeTheOutstandingPointsByExactlyThoseAmounts()
    {
        var before = await SettledAsync(async () => (await Chain.GetAsync()).LoyaltyPoints);
        var customer = ClusterFixture.NewId("liab");
        var account = fixture.Grains.GetGrain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(customer));
        await account.EnrolAsync("Grace", null, "S-LIAB");
        Assert.Equal(before, await SettledAsync(async () => (await Chain.GetAsync()).LoyaltyPoints)); // enrolling owes nothing

        var earn = new LoyaltyEntry(ClusterFixture.NewId("sale"), "S-LIAB", 12_000, 120, null, 0, Rule, ClusterFixture.Time.GetUtcNow());
        await account.ApplyAsync(earn);
        await account.ApplyAsync(earn); // a retried effect applies once
        var earned = new LiabilityTotal(LiabilityKeys.Points, before.Amount + 120, before.Holders + 1);
        Assert.Equal(earned, await EventuallyAsync(async () => (await Chain.GetAsync()).LoyaltyPoints, earned));

        await account.HoldPointsAsync("spend", 45, Ttl, null);
        await account.ApplyAsync(new LoyaltyEntry(ClusterFixture.NewId("sale"), "S-LIAB", 0, 0, "spend", 0, Rule, ClusterFixture.Time.GetUtcNow()));
        var spent = new LiabilityTotal(LiabilityKeys.Points, before.Amount + 120 - 45, before.Holders + 1);
        Assert.Equal(spent, await EventuallyAsync(async () => (await Chain.GetAsync()).LoyaltyPoints, spent));
        Assert.Equal(75, (await account.GetAsync())!.Points);
    }
}
