using ChainPos.Abstractions.Checkout;
using Orleans.TestingHost;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>
/// The outbox crash tests' shared set-up: store S1 with register R1 and an open shift, SKUs A (10.00) and B (2.50)
/// with 100 each, a 50.00 gift card and an enrolled customer; the register placed on the silo the test will kill.
/// Each test rings the same three sales (2 A cash; A+B part gift card; 3 B with the customer, cash) and checks their
/// effects with <see cref="AssertEffectsOnceAsync"/>.
/// </summary>
internal sealed record OutboxScenario(Chain Chain, IRegisterGrain Register, InProcessSiloHandle Victim, string GiftCardCode, string CustomerId)
{
    public const string Store = "S1";

    public static async Task<OutboxScenario> StartAsync(InProcessTestCluster cluster, string customerId, string customerName)
    {
        var chain = new Chain(cluster.Client);
        await chain.ConfigureStoreAsync(Store, "R1");
        await chain.AddProductsAsync("cat-1", ("A", 1000), ("B", 250));
        await chain.ReceiveAsync(Store, "A", 100);
        await chain.ReceiveAsync(Store, "B", 100);
        var code = NewGiftCardCode();
        await chain.GiftCard(code).LoadAsync("issue-1", 5000, Currency, "****" + code[^4..]);
        await chain.Loyalty(customerId).EnrolAsync(customerName, null, Store);

        var register = chain.Register(Store, "R1");
        await chain.OpenShiftAsync(Store, "R1", "shift-1");
        var victim = cluster.Silos[1];
        await cluster.PlaceOnAsync(register, victim);
        return new OutboxScenario(chain, register, victim, code, customerId);
    }

    /// <summary>Rings the sales in order and returns their receipts.</summary>
    public async Task<List<SaleReceipt>> RingAsync(IEnumerable<CompleteSaleCommand> sales)
    {
        var receipts = new List<SaleReceipt>();
        foreach (var sale in sales)
        {
            receipts.Add(await Register.CompleteSaleAsync(sale));
        }

        return receipts;
    }

    /// <summary>Stock, gift card and loyalty show the three sales exactly once.</summary>
    public async Task AssertEffectsOnceAsync(IReadOnlyList<SaleReceipt> receipts)
    {
        Assert.Equal((97L, 96L), ((await Chain.Stock(Store, "A").GetAsync()).OnHand, (await Chain.Stock(Store, "B").GetAsync()).OnHand));
        var card = await Chain.GiftCard(GiftCardCode).GetAsync();
        Assert.Equal((4000L, 4000L), (card.Balance, card.Available));
        var account = await Chain.Loyalty(CustomerId).GetAsync();
        Assert.Equal((receipts[2].PointsEarned, 750L), (account!.Points, account.RollingSpend));
    }

    /// <summary>Retrying every sale answers its first receipt, replayed.</summary>
    public async Task AssertRetriesReplayAsync(IEnumerable<CompleteSaleCommand> sales, IReadOnlyList<SaleReceipt> receipts)
    {
        foreach (var (sale, receipt) in sales.Zip(receipts))
        {
            var replay = await Register.CompleteSaleAsync(sale);
            Assert.Equal((true, receipt.ReceiptNumber, receipt.Total), (replay.Replayed, replay.ReceiptNumber, replay.Total));
        }
    }
}
