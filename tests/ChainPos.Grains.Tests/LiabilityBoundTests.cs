using ChainPos.Abstractions;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Reports;
using ChainPos.Domain;
using ChainPos.Grains.Reports;

namespace ChainPos.Grains.Tests;

/// <summary>
/// The liability shards keep running totals and only the holders with something in flight: their state does not grow
/// with the number of cards, and the totals stay exact once the cards have been forgotten.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LiabilityBoundTests(ClusterFixture fixture)
{
    private const int Cards = 256;
    private const string Currency = "HKD"; // used by no other test of the cluster

    private IChainLiabilityGrain Chain => fixture.Grains.GetGrain<IChainLiabilityGrain>(LiabilityKeys.Chain);

    private async Task<LiabilityTotal?> TotalAsync(string unit) =>
        (await Chain.GetAsync()).GiftCards.SingleOrDefault(t => t.Unit == unit);

    private async Task<int> PendingAsync() =>
        (await Task.WhenAll(Enumerable.Range(0, LiabilityKeys.ShardCount).Select(i =>
            fixture.Grains.GetGrain<ILiabilityShardGrain>(LiabilityKeys.Shard(LiabilityKind.GiftCards, i)).GetPendingCountAsync()))).Sum();

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = await read();
        }

        return value;
    }

    private readonly Dictionary<int, string> _touch = [];
    private long _touchVersion;

    /// <summary>A report to every shard from one holder of its own per shard, in a unit no card uses: each shard writes and sweeps.</summary>
    private async Task TouchEveryShardAsync()
    {
        while (_touch.Count < LiabilityKeys.ShardCount)
        {
            var holder = ClusterFixture.NewId("gc:touch");
            _touch.TryAdd(LiabilityKeys.ShardOf(holder), holder);
        }

        var version = ++_touchVersion;
        await Task.WhenAll(_touch.Select(t => fixture.Grains.GetGrain<ILiabilityShardGrain>(LiabilityKeys.Shard(LiabilityKind.GiftCards, t.Key))
            .ReportAsync(new LiabilityReport(t.Value, version, 1, "XTS", 0, 0, ClusterFixture.Time.GetUtcNow()))));
    }

    private async Task<int> TouchedPendingAsync()
    {
        await TouchEveryShardAsync();
        return await PendingAsync();
    }

    private async Task DeactivateAllAsync() =>
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    [Fact]
    public async Task ManyCards_ShardsForgetStoredHolders_StateBoundedAndTotalsExactAfterLoadsRedemptionsAndExpiry()
    {
        var cards = new List<IGiftCardGrain>();
        long expected = 0;
        for (var i = 0; i < Cards; i++)
        {
            var code = "7" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var card = fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(code)));
            await card.LoadAsync(ClusterFixture.NewId("issue"), 1_000 + i, Currency, GiftCardCodes.Mask(code));
            cards.Add(card);
            expected += 1_000 + i;
        }

        var issued = new LiabilityTotal(Currency, expected, Cards);
        Assert.Equal(issued, await EventuallyAsync(() => TotalAsync(Currency), t => Equals(t, issued)));
        var whileActive = await PendingAsync();
        Assert.True(whileActive >= Cards, $"every card just counted is pending while active ({whileActive})");

        // Idle cards store their counted base and tell their shard; 10 minutes after their last change the shards drop them.
        // The shards are collected in the same sweep, so a card's one-way "stored" message can reach a shard activation
        // that is going away (lost: the entry only stays longer). A card tells its shard again when it next activates,
        // which a read of every card does here.
        await DeactivateAllAsync();
        await Task.WhenAll(cards.Select(c => c.GetAsync()));
        ClusterFixture.Time.Advance(LiabilityShardGrain.Keep + TimeSpan.FromMinutes(1));
        var afterForget = await EventuallyAsync(TouchedPendingAsync, n => n <= LiabilityKeys.ShardCount + 8);
        Assert.True(afterForget <= LiabilityKeys.ShardCount + 8,
            $"{Cards} cards counted, but the shards keep {afterForget} entries (at most the {LiabilityKeys.ShardCount} touch holders and a few of other tests)");
        Assert.Equal(issued, await TotalAsync(Currency));

        // Now the shards know these cards only through their totals: every change is counted as balance − stored base.
        await cards[0].LoadAsync(ClusterFixture.NewId("reload"), 500, Currency, "****");
        await cards[1].HoldAsync("redeem", 300, Currency, TimeSpan.FromMinutes(10), null);
        await cards[1].CaptureAsync("redeem");
        await cards[1].CaptureAsync("redeem"); // a retried capture debits once
        await cards[2].HoldAsync("lapses", 400, Currency, TimeSpan.FromMinutes(1), null);
        ClusterFixture.Time.Advance(TimeSpan.FromMinutes(3)); // the hold expires and is settled: nothing was redeemed
        await cards[2].HoldAsync("after", 1, Currency, TimeSpan.FromMinutes(1), null);
        await cards[3].HoldAsync("voided", 200, Currency, TimeSpan.FromMinutes(10), null);
        await cards[3].VoidHoldAsync("voided");
        expected += 500 - 300;

        var changed = new LiabilityTotal(Currency, expected, Cards);
        Assert.Equal(changed, await EventuallyAsync(() => TotalAsync(Currency), t => Equals(t, changed)));
        Assert.Equal(1_001, (await cards[2].GetAsync()).Available); // the lapsed 400 is available again; 1 is held

        // Reactivated cards send nothing they have stored as counted; a back-fill call on them counts nothing new.
        await DeactivateAllAsync();
        Assert.False(await cards[0].CountLiabilityAsync());
        Assert.All(await Task.WhenAll(cards.Take(16).Select(c => c.CountLiabilityAsync())), Assert.False);
        await Task.Delay(300);
        Assert.Equal(changed, await TotalAsync(Currency));
        Assert.Equal(1_500 + 1_001 - 300, (await cards[0].GetAsync()).Balance + (await cards[1].GetAsync()).Balance);
    }

    [Fact]
    public async Task Shard_ReportOfAForgottenHolder_CountsBalanceMinusBase_AndRefusesReportsSentLongAgo()
    {
        var holder = ClusterFixture.NewId("gc:base");
        var shard = fixture.Grains.GetGrain<ILiabilityShardGrain>(LiabilityKeys.Shard(LiabilityKind.GiftCards, LiabilityKeys.ShardOf(holder)));
        async Task<LiabilityTotal?> Mop() => (await shard.GetAsync()).SingleOrDefault(t => t.Unit == "MOP");
        LiabilityReport At(long version, long balance, long baseVersion, long baseBalance) =>
            new(holder, version, balance, "MOP", baseVersion, baseBalance, ClusterFixture.Time.GetUtcNow());

        var other = ClusterFixture.NewId("gc:other");
        var otherVersion = 0L;
        async Task<int> SweptAsync()
        {
            await shard.ReportAsync(new LiabilityReport(other, ++otherVersion, 0, "XTS", 0, 0, ClusterFixture.Time.GetUtcNow()));
            return await shard.GetPendingCountAsync();
        }

        await shard.ReportAsync(At(1, 700, 0, 0));
        ClusterFixture.Time.Advance(LiabilityShardGrain.Keep);
        var withHolder = await SweptAsync(); // not stored by the holder yet: kept however old
        await shard.ForgetAsync(holder, 1);
        Assert.Equal(withHolder - 1, await EventuallyAsync(SweptAsync, n => n == withHolder - 1)); // the stored holder is dropped
        Assert.Equal(new LiabilityTotal("MOP", 700, 1), await Mop());

        await shard.ReportAsync(At(2, 650, 1, 700)); // forgotten: counted as 650 − 700, not as a new holder
        await shard.ReportAsync(At(2, 650, 1, 700)); // pending again: a repeat changes nothing
        Assert.Equal(new LiabilityTotal("MOP", 650, 1), await Mop());

        var late = At(3, 10, 2, 650) with { SentAt = ClusterFixture.Time.GetUtcNow() - LiabilityShardGrain.MaxAge - TimeSpan.FromSeconds(1) };
        var refused = await Assert.ThrowsAsync<PosException>(() => shard.ReportAsync(late));
        Assert.Equal(ErrorCode.FailedPrecondition, refused.Code);
        Assert.Equal(new LiabilityTotal("MOP", 650, 1), await Mop());
    }
}
