using ChainPos.LoadGen.ChainDay;

namespace ChainPos.LoadGen.Tests;

public class ZipfAndMixTests
{
    private static readonly ChainDayPlan Plan = new(Stores: 10, Registers: 4, Skus: 2000, Customers: 500, GiftCards: 100, InitialStock: 1000, Seed: 42);

    [Fact]
    public void Zipf_probabilities_fall_as_one_over_rank_and_sum_to_one()
    {
        var zipf = new ZipfSampler(1000, 1.0);
        Assert.Equal(2.0, zipf.Probability(1) / zipf.Probability(2), 9);
        Assert.Equal(10.0, zipf.Probability(1) / zipf.Probability(10), 9);
        Assert.Equal(1.0, Enumerable.Range(1, 1000).Sum(zipf.Probability), 9);
    }

    [Fact]
    public void Zipf_draws_follow_the_distribution_with_a_fixed_seed()
    {
        var zipf = new ZipfSampler(1000, 1.0);
        var random = new Random(1);
        var counts = new int[1001];
        const int Draws = 200_000;
        for (var i = 0; i < Draws; i++)
        {
            counts[zipf.Next(random)]++;
        }

        Assert.Equal(0, counts[0]);
        foreach (var rank in new[] { 1, 2, 5, 50 })
        {
            Assert.InRange((double)counts[rank] / Draws, zipf.Probability(rank) * 0.95, zipf.Probability(rank) * 1.05);
        }

        Assert.True(counts.Skip(1).Count(c => c > 0) > 900, "the tail is drawn too");
    }

    [Fact]
    public void Mix_has_the_specified_proportions_with_a_fixed_seed()
    {
        var mix = new ChainDayMix(Plan, new ZipfSampler(Plan.Skus, 1.0), caller: 3, runId: "t");
        var ops = Enumerable.Range(0, 100_000).Select(_ => mix.Next(salesSoFar: 10)).ToList();
        var sales = ops.OfType<SaleOperation>().ToList();
        Assert.InRange(ops.OfType<WebOrderOperation>().Count() / 100_000.0, 0.045, 0.055);
        Assert.InRange(ops.OfType<ReturnOperation>().Count() / 100_000.0, 0.008, 0.012);
        Assert.InRange(sales.Count(s => s.CustomerId is not null) / (double)sales.Count, 0.19, 0.21);
        Assert.InRange(sales.Count(s => s.GiftCardCode is not null) / (double)sales.Count, 0.045, 0.055);
        Assert.InRange(sales.Average(s => s.Lines.Count), 3.9, 4.1);
        Assert.All(sales, s =>
        {
            Assert.InRange(s.Lines.Count, 1, 10);
            Assert.Equal(s.Lines.Count, s.Lines.Select(l => l.Sku).Distinct().Count());
            Assert.InRange(s.GiftCardAmount, 0, s.Total);
        });
        var web = ops.OfType<WebOrderOperation>().ToList();
        Assert.InRange(web.Count(w => w.Commit) / (double)web.Count, 0.65, 0.75);
    }

    [Fact]
    public void Same_seed_and_caller_give_the_same_stream_other_callers_another()
    {
        var zipf = new ZipfSampler(Plan.Skus, 1.0);
        static string Describe(Operation o) => o switch
        {
            SaleOperation s => $"{s.SaleId}:{string.Join(',', s.Lines.Select(l => $"{l.Sku}x{l.Quantity}"))}:{s.CustomerId}:{s.GiftCardCode}:{s.GiftCardCap}",
            WebOrderOperation w => $"{w.OrderId}:{w.Location}:{string.Join(',', w.Lines.Select(l => l.Sku))}:{w.Commit}",
            ReturnOperation r => $"{r.ReturnId}:{r.Pick}",
            _ => "?",
        };
        var a = new ChainDayMix(Plan, zipf, 1, "run");
        var b = new ChainDayMix(Plan, zipf, 1, "run");
        var c = new ChainDayMix(Plan, zipf, 2, "run");
        var first = Enumerable.Range(0, 500).Select(i => Describe(a.Next(i))).ToList();
        Assert.Equal(first, Enumerable.Range(0, 500).Select(i => Describe(b.Next(i))).ToList());
        Assert.NotEqual(first.Select(s => s[s.IndexOf(':', StringComparison.Ordinal)..]), Enumerable.Range(0, 500).Select(i => Describe(c.Next(i))).Select(s => s[s.IndexOf(':', StringComparison.Ordinal)..]));
    }

    [Fact]
    public void No_return_before_the_caller_has_sold_anything()
    {
        var mix = new ChainDayMix(Plan with { ReturnShare = 1.0, WebShare = 0 }, new ZipfSampler(Plan.Skus, 1.0), 0, "t");
        Assert.IsType<SaleOperation>(mix.Next(salesSoFar: 0));
        Assert.IsType<ReturnOperation>(mix.Next(salesSoFar: 1));
    }

    [Fact]
    public void Flash_mix_puts_every_caller_on_the_one_sku_and_every_eighth_at_a_till()
    {
        var plan = Plan with { Stores = 1, Skus = 1 };
        var till = new FlashMix(plan, caller: 7, "r", tillEvery: 8);
        var web = new FlashMix(plan, caller: 3, "r", tillEvery: 8);
        var sale = Assert.IsType<SaleOperation>(till.Next(0));
        var order = Assert.IsType<WebOrderOperation>(web.Next(0));
        Assert.Equal(plan.Sku(1), Assert.Single(sale.Lines).Sku);
        Assert.Equal(plan.Sku(1), Assert.Single(order.Lines).Sku);
        Assert.True(order.Hold);
    }

    [Fact]
    public void Gift_card_codes_are_sixteen_digits()
    {
        Assert.Equal("6006000000000042", ChainDayPlan.GiftCard(42));
    }
}
