using System.Collections.Concurrent;
using System.Diagnostics;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Checkout;
using Xunit.Abstractions;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>
/// The web shop and the tills race for the same few SKUs on a 2-silo PostgreSQL cluster: reservations are granted
/// only from what is available at that moment, and every unit is accounted for afterwards.
/// </summary>
[Collection(CommerceCollection.Name)]
public sealed class ZeroOversellTests(CommerceClusterFixture fixture, ITestOutputHelper output)
{
    private const int Orders = 80;
    private const int SalesPerRegister = 10;
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private enum Then
    {
        Commit,
        Release,
        Keep,
    }

    private sealed record OrderPlan(string OrderId, ReserveCommand Command, Then Then);

    [Fact]
    public async Task ConcurrentWebOrdersAndStoreSales_SameSkus_NeverOversoldAndReconcileExactly()
    {
        var chain = fixture.Chain;
        var tag = "zo" + Guid.NewGuid().ToString("N")[..6];
        string s1 = tag + "S1", s2 = tag + "S2", warehouse = tag + "W1";
        string x = tag + "X", y = tag + "Y", z = tag + "Z"; // z is sold online only
        var prices = new Dictionary<string, long> { [x] = 1000, [y] = 500, [z] = 300 };
        var initial = new Dictionary<(string Location, string Sku), long>
        {
            [(s1, x)] = 30, [(s2, x)] = 20, [(warehouse, x)] = 15,
            [(s1, y)] = 20, [(s2, y)] = 10,
            [(s1, z)] = 12, [(warehouse, z)] = 10,
        };
        var safety = new Dictionary<(string, string), long> { [(s1, x)] = 3, [(s1, z)] = 2 };
        await chain.AddProductsAsync("cat-" + tag, [.. prices.Select(p => (p.Key, p.Value))]);
        foreach (var store in new[] { s1, s2 })
        {
            await chain.ConfigureStoreAsync(store, "R1", "R2");
            await chain.OpenShiftAsync(store, "R1", "shift-" + store + "R1");
            await chain.OpenShiftAsync(store, "R2", "shift-" + store + "R2");
        }

        foreach (var ((location, sku), units) in initial)
        {
            await chain.ReceiveAsync(location, sku, units);
            await chain.Stock(location, sku).SetPolicyAsync(safety.GetValueOrDefault((location, sku)), 0);
        }

        await IndexCaughtUpAsync(chain, initial.Keys);
        var plans = Plan(tag, [x, y, z], s1, s2);
        var tills = new[] { (s1, "R1"), (s1, "R2"), (s2, "R1"), (s2, "R2") };
        var sold = new ConcurrentDictionary<(string, string), long>();
        var refused = 0;
        var clock = Stopwatch.StartNew();

        // Watch the online-only SKU while everything races: what is reserved never eats into the safety stock.
        using var stop = new CancellationTokenSource();
        var violations = new ConcurrentBag<string>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var location in new[] { s1, warehouse })
                {
                    var level = await chain.Stock(location, z).GetAsync();
                    if (level.Reserved + level.SafetyStock > level.OnHand)
                    {
                        violations.Add($"{location}: {level}");
                    }
                }
            }
        });

        var web = plans.Select(async plan =>
        {
            try
            {
                await Retry(() => chain.Order(plan.OrderId).ReserveAsync(plan.Command));
            }
            catch (PosException e) when (e.Code == ErrorCode.FailedPrecondition)
            {
                Interlocked.Increment(ref refused);
                return;
            }

            await (plan.Then switch
            {
                Then.Commit => Retry(() => chain.Order(plan.OrderId).CommitAsync()),
                Then.Release => Retry(() => chain.Order(plan.OrderId).ReleaseAsync()),
                _ => Task.FromResult<ReservationView>(null!),
            });
        });
        var selling = tills.Select(async till =>
        {
            for (var i = 0; i < SalesPerRegister; i++)
            {
                var sku = i % 2 == 0 ? x : y;
                var quantity = 1 + (i % 3 == 0 ? 1 : 0);
                var total = prices[sku] * quantity;
                await new StoreAgent().CompleteAsync(chain.Register(till.Item1, till.Item2),
                    Sale($"{tag}-{till.Item1}-{till.Item2}-{i}", total, [Line(sku, quantity)], Cash(total)));
                sold.AddOrUpdate((till.Item1, sku), quantity, (_, q) => q + quantity);
            }
        });
        await Task.WhenAll(web.Concat(selling));
        output.WriteLine($"{Orders} orders and {tills.Length * SalesPerRegister} sales in {clock.ElapsedMilliseconds} ms; {refused} orders refused");
        await stop.CancelAsync();
        await watcher;
        await Chain.FlushAsync(tills.Select(t => chain.Register(t.Item1, t.Item2)));

        // Every grant, as the stock grain saw it right after deciding: nothing promised beyond on hand − safety.
        var grants = GrantObserver.Answers.Where(a => a.Level.Sku.StartsWith(tag, StringComparison.Ordinal) && a.Granted > 0).ToList();
        Assert.All(grants, g => Assert.True(g.Level.OnHand - g.Level.Reserved - g.Level.SafetyStock >= 0, $"oversold: {g}"));
        Assert.Empty(violations);

        // Reconcile: initial − committed − sold in store = on hand; reserved = what active orders hold.
        var views = (await Task.WhenAll(plans.Select(p => TryGetAsync(chain, p.OrderId)))).OfType<ReservationView>().ToList();
        Assert.Equal(Orders - refused, views.Count);
        Assert.True(refused > 0 && views.Count > 0, $"{refused} refused, {views.Count} granted: the test needs both");
        Assert.Equal(plans.Where(p => views.Any(v => v.OrderId == p.OrderId)).Select(p => Expected(p.Then)), views.Select(v => v.Status));
        var committed = Held(views, ReservationStatus.Committed);
        var active = Held(views, ReservationStatus.Active);
        foreach (var (key, units) in initial)
        {
            var level = await chain.Stock(key.Location, key.Sku).GetAsync();
            Assert.Equal(
                (key, units - committed.GetValueOrDefault(key) - sold.GetValueOrDefault(key), active.GetValueOrDefault(key)),
                (key, level.OnHand, level.Reserved));
        }

        Assert.All(new[] { s1, warehouse }, location => Assert.True(
            committed.GetValueOrDefault((location, z)) + active.GetValueOrDefault((location, z)) <= initial[(location, z)] - safety.GetValueOrDefault((location, z))));
        Assert.True(sold.Values.Sum() > 0 && committed.Values.Sum() > 0 && active.Values.Sum() > 0);
        await IndexCaughtUpAsync(chain, initial.Keys);
    }

    private static List<OrderPlan> Plan(string tag, string[] skus, string s1, string s2)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, Orders).Select(i =>
        {
            var lines = skus.OrderBy(_ => random.Next()).Take(1 + random.Next(2))
                .Select(sku => new OrderLineSpec(sku, 1 + random.Next(4))).ToList();
            var pickup = (i % 3) switch { 0 => s1, 1 => s2, _ => null };
            return new OrderPlan($"{tag}-o{i}", new ReserveCommand(lines, pickup, null, Ttl), (Then)random.Next(3));
        })];
    }

    private static ReservationStatus Expected(Then then) => then switch
    {
        Then.Commit => ReservationStatus.Committed,
        Then.Release => ReservationStatus.Released,
        _ => ReservationStatus.Active,
    };

    private static Dictionary<(string Location, string Sku), long> Held(IEnumerable<ReservationView> views, ReservationStatus status) => views
        .Where(v => v.Status == status)
        .SelectMany(v => v.Lines.SelectMany(l => l.Allocations.Select(a => (Key: (a.LocationId, l.Sku), a.Quantity))))
        .GroupBy(a => a.Key)
        .ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity));

    private static async Task<ReservationView?> TryGetAsync(Chain chain, string orderId)
    {
        try
        {
            return await chain.Order(orderId).GetAsync();
        }
        catch (PosException e) when (e.Code == ErrorCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The web shop's contract: a call that failed without a business answer is repeated with the same order id.</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is not PosException && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Waits until each SKU's availability index holds every location's current level.</summary>
    private static async Task IndexCaughtUpAsync(Chain chain, IEnumerable<(string Location, string Sku)> keys)
    {
        foreach (var (location, sku) in keys)
        {
            var level = await chain.Stock(location, sku).GetAsync();
            var indexed = await Eventually.UntilAsync(
                () => chain.Availability(sku).GetAsync([location]),
                l => l.Count == 1 && (l[0].OnHand, l[0].Reserved, l[0].SafetyStock) == (level.OnHand, level.Reserved, level.SafetyStock));
            Assert.Equal((location, level.OnHand, level.Reserved, level.SafetyStock), (indexed[0].LocationId, indexed[0].OnHand, indexed[0].Reserved, indexed[0].SafetyStock));
        }
    }
}
