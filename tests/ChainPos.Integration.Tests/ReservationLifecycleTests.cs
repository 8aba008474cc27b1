using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using Xunit.Abstractions;

namespace ChainPos.Integration.Tests;

/// <summary>
/// Reservations on the 2-silo PostgreSQL cluster, the stock grains expiring their own reservations (timer, and the
/// real persisted reminder with a 1 s period): expiry releases exactly once, retries have no second effect, bad input
/// changes nothing.
/// </summary>
[Collection(CommerceCollection.Name)]
public sealed class ReservationLifecycleTests(CommerceClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    private async Task<(string Tag, string Store, string Sku)> StockAsync(long units)
    {
        var tag = "rl" + Guid.NewGuid().ToString("N")[..6];
        var (store, sku) = (tag + "S1", tag + "A");
        await fixture.Chain.ConfigureStoreAsync(store, "R1");
        await fixture.Chain.AddProductsAsync("cat-" + tag, (sku, 1000));
        await fixture.Chain.ReceiveAsync(store, sku, units);
        return (tag, store, sku);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static ReserveCommand Pickup(string store, string sku, long quantity, TimeSpan ttl) => new([new OrderLineSpec(sku, quantity)], store, null, ttl);

    [Fact]
    public async Task Expiry_StockGrainLetsGo_ReleasesExactlyWhatWasReservedOnce()
    {
        var (tag, store, sku) = await StockAsync(10);
        var chain = fixture.Chain;
        var expiring = chain.Order(tag + "-exp");
        await expiring.ReserveAsync(Pickup(store, sku, 3, TimeSpan.FromSeconds(1)));
        await chain.Order(tag + "-keep").ReserveAsync(Pickup(store, sku, 4, Long));
        Assert.Equal(7, (await chain.Stock(store, sku).GetAsync()).Reserved);

        // Nobody calls the expiring order: its stock grain lets the 3 units go by itself, durably, and no order has a reminder.
        var stored = await Eventually.UntilAsync(
            () => CommerceCluster.StoredFieldAsync(fixture.Database, CommerceClusterFixture.ServiceId, "stock", $"stk:{store}/{sku}", "Reserved"), r => r == "4");
        Assert.Equal("4", stored);
        Assert.Equal(0, await CommerceCluster.CountExpiryRemindersAsync(fixture.Database, CommerceClusterFixture.ServiceId, tag));
        var level = await chain.Stock(store, sku).GetAsync();
        Assert.Equal((10L, 4L), (level.OnHand, level.Reserved));

        var view = await expiring.GetAsync();
        Assert.Equal(ReservationStatus.Expired, view.Status);
        Assert.Equal(ErrorCode.FailedPrecondition, (await Assert.ThrowsAsync<PosException>(expiring.CommitAsync)).Code);
        Assert.True((await expiring.ReleaseAsync()).Replayed);
        level = await chain.Stock(store, sku).GetAsync();
        Assert.Equal((10L, 4L), (level.OnHand, level.Reserved));
    }

    [Fact]
    public async Task CommitsRacingExpiry_EachOrderCommittedOrExpiredAndStockReconciles()
    {
        var (tag, store, sku) = await StockAsync(100);
        var chain = fixture.Chain;
        var orders = Enumerable.Range(0, 20).Select(i => chain.Order($"{tag}-r{i}")).ToList();
        var views = await Task.WhenAll(orders.Select(o => o.ReserveAsync(Pickup(store, sku, 2, TimeSpan.FromSeconds(1)))));

        // Half commit at once; the other half aim their commit at the moment of expiry, spread over ±100 ms around it,
        // while the reminders come due: whichever turn runs first wins, the other sees the outcome.
        var outcomes = await Task.WhenAll(orders.Select(async (order, i) =>
        {
            if (i % 2 == 1)
            {
                var at = views[i].ExpiresAt + TimeSpan.FromMilliseconds((i * 20) - 100);
                await Task.Delay(Max(TimeSpan.Zero, at - DateTimeOffset.UtcNow));
            }

            try
            {
                return (await order.CommitAsync()).Status;
            }
            catch (PosException e) when (e.Code == ErrorCode.FailedPrecondition)
            {
                return ReservationStatus.Expired;
            }
        }));
        await Eventually.UntilAsync(() => chain.Stock(store, sku).GetAsync(), l => l.Reserved == 0);

        var statuses = await Task.WhenAll(orders.Select(async o => (await o.GetAsync()).Status));
        output.WriteLine($"committed {statuses.Count(s => s == ReservationStatus.Committed)}, expired {statuses.Count(s => s == ReservationStatus.Expired)}");
        Assert.Equal(outcomes, statuses);
        Assert.All(statuses, s => Assert.True(s is ReservationStatus.Committed or ReservationStatus.Expired));
        var level = await chain.Stock(store, sku).GetAsync();
        Assert.Equal((100L - (2 * statuses.Count(s => s == ReservationStatus.Committed)), 0L), (level.OnHand, level.Reserved));
    }

    [Fact]
    public async Task RetriedReserveCommitRelease_SameOrderId_NoSecondEffect()
    {
        var (tag, store, sku) = await StockAsync(10);
        var chain = fixture.Chain;
        var paid = chain.Order(tag + "-paid");
        var cancelled = chain.Order(tag + "-cxl");

        var reserves = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => paid.ReserveAsync(Pickup(store, sku, 3, Long))));
        await cancelled.ReserveAsync(Pickup(store, sku, 5, Long));
        var commits = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => paid.CommitAsync()));
        var releases = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => cancelled.ReleaseAsync()));

        Assert.Equal(1, reserves.Count(r => !r.Replayed));
        Assert.Equal((1, 1), (commits.Count(c => !c.Replayed), releases.Count(r => !r.Replayed)));
        var level = await chain.Stock(store, sku).GetAsync();
        Assert.Equal((7L, 0L), (level.OnHand, level.Reserved));
        Assert.Equal(0, await CommerceCluster.CountExpiryRemindersAsync(fixture.Database, CommerceClusterFixture.ServiceId, tag));
    }

    [Fact]
    public async Task BadInput_ClearStatusAndNothingChanged()
    {
        var (tag, store, sku) = await StockAsync(10);
        var chain = fixture.Chain;
        var order = chain.Order(tag + "-bad");
        await chain.Order(tag + "-gone").ReserveAsync(Pickup(store, sku, 1, TimeSpan.FromSeconds(1)));

        async Task<ErrorCode> Refused(Func<Task> call) => (await Assert.ThrowsAsync<PosException>(call)).Code;

        Assert.Equal(ErrorCode.NotFound, await Refused(() => order.ReserveAsync(Pickup(store, "NO-SUCH-SKU", 1, Long))));
        Assert.Equal(ErrorCode.NotFound, await Refused(() => order.ReserveAsync(Pickup("NO-SUCH-STORE", sku, 1, Long))));
        Assert.Equal(ErrorCode.InvalidArgument, await Refused(() => order.ReserveAsync(Pickup(store, sku, 0, Long))));
        Assert.Equal(ErrorCode.InvalidArgument, await Refused(() => order.ReserveAsync(Pickup(store, sku, -3, Long))));
        Assert.Equal(ErrorCode.InvalidArgument, await Refused(() => order.ReserveAsync(Pickup(store, sku, 1, TimeSpan.Zero))));
        Assert.Equal(ErrorCode.InvalidArgument, await Refused(() => order.ReserveAsync(Pickup(store, sku, 1, TimeSpan.FromDays(8)))));
        Assert.Equal(ErrorCode.NotFound, await Refused(order.CommitAsync));
        var expired = await Eventually.UntilAsync(() => chain.Stock(store, sku).GetAsync(), l => l.Reserved == 0);
        Assert.Equal(0L, expired.Reserved);
        Assert.Equal(ErrorCode.FailedPrecondition, await Refused(chain.Order(tag + "-gone").CommitAsync));

        var level = await chain.Stock(store, sku).GetAsync();
        Assert.Equal((10L, 0L), (level.OnHand, level.Reserved));
        Assert.Equal(ErrorCode.NotFound, await Refused(order.GetAsync));
        Assert.Equal(0, await CommerceCluster.CountExpiryRemindersAsync(fixture.Database, CommerceClusterFixture.ServiceId, tag + "-bad"));
    }
}
