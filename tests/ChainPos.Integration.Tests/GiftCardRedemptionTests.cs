using System.Collections.Concurrent;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>Many tills racing for one gift card's balance, on PostgreSQL: the card grain serializes them.</summary>
public sealed class GiftCardRedemptionTests
{
    private const string Store = "S1";
    private const long InitialBalance = 10_000;
    private const long GiftCardPart = 700;
    private const long Price = 1000;
    private const int RegisterCount = 4;
    private const int SalesPerRegister = 8;

    [Fact]
    public async Task ConcurrentRedemptionsOfOneCard_NeverBelowZero_RefusedSalesChangeNothing()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("giftcard");
        await using var cluster = await PostgresCluster.StartAsync(db, "giftcard-svc");
        var chain = new Chain(cluster.Client);
        var registerIds = Enumerable.Range(1, RegisterCount).Select(i => $"R{i}").ToArray();
        await chain.ConfigureStoreAsync(Store, registerIds);
        await chain.AddProductsAsync("cat-1", ("G1", Price));
        await chain.ReceiveAsync(Store, "G1", 1000);
        var code = NewGiftCardCode();
        var card = chain.GiftCard(code);
        await card.LoadAsync("issue-1", InitialBalance, Currency, "****" + code[^4..]);
        foreach (var id in registerIds)
        {
            await chain.OpenShiftAsync(Store, id, "shift-" + id);
        }

        // Watch the card while the sales race.
        var samples = new ConcurrentBag<(long Balance, long Available)>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var view = await card.GetAsync();
                samples.Add((view.Balance, view.Available));
            }
        });

        // Every sale: one item at 10.00, 7.00 on the card and 3.00 in cash. All sent at once.
        var attempts = registerIds.SelectMany(r => Enumerable.Range(1, SalesPerRegister).Select(n => (Register: r, SaleId: $"gc-{r}-{n}"))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                var receipt = await chain.Register(Store, a.Register).CompleteSaleAsync(
                    Sale(a.SaleId, Price, [Line("G1", 1)], GiftCardTender(code, GiftCardPart), Cash(Price - GiftCardPart)));
                return (a.Register, a.SaleId, Receipt: receipt, Refusal: (PosException?)null);
            }
            catch (PosException e)
            {
                return (a.Register, a.SaleId, Receipt: (SaleReceipt?)null, Refusal: e);
            }
        }));
        Assert.Equal(0, (await Chain.FlushAsync(registerIds.Select(r => chain.Register(Store, r)))).Sum());
        await stop.CancelAsync();
        await watcher;

        var accepted = outcomes.Where(o => o.Receipt is not null).ToList();
        var refused = outcomes.Where(o => o.Refusal is not null).ToList();
        const int Fit = (int)(InitialBalance / GiftCardPart); // 14 × 7.00 fit in 100.00
        Assert.Equal((Fit, attempts.Count - Fit), (accepted.Count, refused.Count));

        // Never below zero, and the balance moved by exactly the accepted card tenders.
        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.True(s.Balance >= 0 && s.Available >= 0, $"balance {s.Balance}, available {s.Available}"));
        var remaining = InitialBalance - (Fit * GiftCardPart);
        Assert.Equal((remaining, remaining), ((await card.GetAsync()).Balance, (await card.GetAsync()).Available));
        await cluster.DeactivateAsync(card); // and that is what PostgreSQL holds
        Assert.Equal((remaining, remaining, true), ((await card.GetAsync()).Balance, (await card.GetAsync()).Available, (await card.GetAsync()).Issued));

        // A refusal names what the card still has, and changes nothing.
        Assert.All(refused, r =>
        {
            Assert.Equal(ErrorCode.FailedPrecondition, r.Refusal!.Code);
            Assert.Contains($"has 2.00 EUR available; it cannot cover 7.00 EUR", r.Refusal.Message, StringComparison.Ordinal);
        });
        foreach (var id in registerIds)
        {
            var register = chain.Register(Store, id);
            var mine = accepted.Where(a => a.Register == id).ToList();
            Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => (long)i), mine.Select(a => a.Receipt!.ReceiptSequence).Order());
            var report = await register.GetShiftReportAsync();
            Assert.Equal((mine.Count, mine.Count * Price, (long)mine.Count), (report.SalesCount, report.SalesTotal, report.LastReceiptSequence));
            Assert.Equal(mine.Count * GiftCardPart, report.Tenders.Where(t => t.Type == TenderType.GiftCard).Sum(t => t.Amount));
            foreach (var r in refused.Where(r => r.Register == id))
            {
                Assert.Equal(SaleOutcome.NotCommitted, await register.GetSaleOutcomeAsync(r.SaleId));
                Assert.Null(await chain.SaleRecord(r.SaleId).GetAsync());
            }
        }

        Assert.Equal(1000 - Fit, (await chain.Stock(Store, "G1").GetAsync()).OnHand);

        // Retrying a refused sale is refused again (the card is still short) and takes no number either.
        var retry = await Assert.ThrowsAsync<PosException>(() => chain.Register(Store, refused[0].Register).CompleteSaleAsync(
            Sale(refused[0].SaleId, Price, [Line("G1", 1)], GiftCardTender(code, GiftCardPart), Cash(Price - GiftCardPart))));
        Assert.Equal(ErrorCode.FailedPrecondition, retry.Code);
        var paid = await chain.Register(Store, refused[0].Register).CompleteSaleAsync(
            Sale(refused[0].SaleId, Price, [Line("G1", 1)], GiftCardTender(code, remaining), Cash(Price - remaining)));
        Assert.Equal(accepted.Count(a => a.Register == refused[0].Register) + 1, paid.ReceiptSequence);
        Assert.Equal(0, (await Chain.FlushAsync([chain.Register(Store, refused[0].Register)])).Sum());
        Assert.Equal((0L, 0L), ((await card.GetAsync()).Balance, (await card.GetAsync()).Available));
    }
}
