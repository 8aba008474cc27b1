using System.Collections.Concurrent;
using System.Diagnostics;
using ChainPos.Abstractions.Checkout;
using Orleans.TestingHost;
using Xunit.Abstractions;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>
/// Two silos, six registers in two stores selling continuously; one silo is killed mid-stream. Failed calls are
/// retried with the same sale id (the store agent's contract). Nothing acknowledged may be lost, nothing applied twice.
/// </summary>
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const int SalesPerRegister = 50;
    private const long InitialStock = 10_000;
    private static readonly string[] Stores = ["S1", "S2"];
    private static readonly string[] RegisterIds = ["R1", "R2", "R3"];
    private static readonly (string Sku, long Price)[] Products = [("P1", 1000), ("P2", 250), ("P3", 1999)];

    private sealed record Ack(string Store, string Register, string SaleId, SaleReceipt Receipt, IReadOnlyList<SaleLineSpec> Lines, int Attempts, bool StartedAfterKill, long AckedAtMs);

    [Fact]
    public async Task KillOneOfTwoSilos_DuringCheckoutStream_NoAcknowledgedSaleLostNoneAppliedTwice()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("kill");
        await using var cluster = await PostgresCluster.StartAsync(db, "kill-svc");
        var chain = new Chain(cluster.Client);
        await chain.AddProductsAsync("cat-1", Products);
        var tills = new List<(string Store, string Register, IRegisterGrain Grain)>();
        foreach (var store in Stores)
        {
            await chain.ConfigureStoreAsync(store, RegisterIds);
            foreach (var (sku, _) in Products)
            {
                await chain.ReceiveAsync(store, sku, InitialStock);
            }

            foreach (var register in RegisterIds)
            {
                await chain.OpenShiftAsync(store, register, $"shift-{store}-{register}");
                tills.Add((store, register, chain.Register(store, register)));
            }
        }

        // Half of the registers live on the silo that will be killed (not the first one).
        var survivor = cluster.Silos[0];
        var victim = cluster.Silos[1];
        for (var i = 0; i < tills.Count; i++)
        {
            await cluster.PlaceOnAsync(tills[i].Grain, i % 2 == 1 ? victim : survivor);
        }

        var onVictim = tills.Where(t => Equals(cluster.HostOf(t.Grain), victim.SiloAddress)).Select(t => $"{t.Store}/{t.Register}").ToList();
        Assert.Equal(["S1/R2", "S2/R1", "S2/R3"], onVictim);

        var agent = new StoreAgent();
        var acks = new ConcurrentBag<Ack>();
        var killed = 0;
        var killAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var killer = Task.Run(async () =>
        {
            await killAt.Task;
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: killing {victim.SiloAddress} after {acks.Count} acknowledged sales");
            await cluster.KillSiloAsync(victim);
            Volatile.Write(ref killed, 1);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: killed");
        });

        var drivers = tills.Select((till, index) => Task.Run(async () =>
        {
            var random = new Random(index + 1);
            for (var n = 1; n <= SalesPerRegister; n++)
            {
                // 1-4 lines over three SKUs: the same SKU may be rung up on two lines, as a till does.
                var lines = Enumerable.Range(0, random.Next(1, 5))
                    .Select(_ => Line(Products[random.Next(Products.Length)].Sku, random.Next(1, 4)))
                    .ToList();
                var total = lines.Sum(l => Products.Single(p => p.Sku == l.Sku).Price * l.Quantity);
                var saleId = $"k-{till.Store}-{till.Register}-{n:000}";
                var afterKill = Volatile.Read(ref killed) == 1;
                var (receipt, attempts) = await agent.CompleteAsync(till.Grain, Sale(saleId, total, lines, Cash(total + 500)));
                acks.Add(new Ack(till.Store, till.Register, saleId, receipt, lines, attempts, afterKill, clock.ElapsedMilliseconds));
                if (acks.Count >= SalesPerRegister * tills.Count / 3)
                {
                    killAt.TrySetResult();
                }
            }
        })).ToList();

        await Task.WhenAll(drivers);
        await killer;
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: stream done; {agent.Retries} retries ({string.Join(", ", agent.Failures.Select(f => $"{f.Key}×{f.Value}"))}), " +
            $"{acks.Count(a => a.Receipt.Replayed)} answered as replays, {acks.Count(a => a.StartedAfterKill)} started after the kill");

        var retried = acks.Where(a => a.Attempts > 1).ToList();
        output.WriteLine($"retried sales: {string.Join(", ", retried.Select(a => $"{a.SaleId} ({a.Attempts} attempts, acknowledged at {a.AckedAtMs} ms{(a.Receipt.Replayed ? ", replay" : "")})"))}");
        Assert.Equal(0, (await Chain.FlushAsync(tills.Select(t => t.Grain))).Sum());
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: outboxes flushed");

        // The kill happened mid-stream, and registers of the dead silo sold again afterwards.
        Assert.Single(cluster.Silos);
        Assert.Contains(acks, a => a.StartedAfterKill && onVictim.Contains($"{a.Store}/{a.Register}"));

        // Every acknowledged sale is recorded, with the receipt number it was acknowledged with.
        var records = await Task.WhenAll(acks.Select(a => chain.SaleRecord(a.SaleId).GetAsync()));
        Assert.All(acks.Zip(records), pair =>
        {
            var (ack, record) = pair;
            Assert.NotNull(record);
            Assert.Equal((ack.Store, ack.Register, ack.Receipt.ReceiptSequence, ack.Receipt.ReceiptNumber, ack.Receipt.Total),
                (record.Sale.StoreId, record.Sale.RegisterId, record.Sale.Receipt.ReceiptSequence, record.Sale.Receipt.ReceiptNumber, record.Sale.Receipt.Total));
        });

        // Per register: receipts 1..N, no gap, no duplicate; the shift counted each sale once.
        foreach (var (store, register, grain) in tills)
        {
            var mine = acks.Where(a => a.Store == store && a.Register == register).ToList();
            Assert.Equal(SalesPerRegister, mine.Select(a => a.SaleId).Distinct().Count());
            Assert.Equal(Enumerable.Range(1, SalesPerRegister).Select(i => (long)i), mine.Select(a => a.Receipt.ReceiptSequence).Order());
            var report = await grain.GetShiftReportAsync();
            Assert.Equal((SalesPerRegister, mine.Sum(a => a.Receipt.Total), 1L, (long)SalesPerRegister),
                (report.SalesCount, report.SalesTotal, report.FirstReceiptSequence, report.LastReceiptSequence));
        }

        // Stock: initial minus exactly the acknowledged quantities (none lost, none applied twice).
        foreach (var store in Stores)
        {
            foreach (var (sku, _) in Products)
            {
                var sold = acks.Where(a => a.Store == store).SelectMany(a => a.Lines).Where(l => l.Sku == sku).Sum(l => (long)l.Quantity);
                Assert.Equal((store, sku, InitialStock - sold), (store, sku, (await chain.Stock(store, sku).GetAsync()).OnHand));
            }
        }
    }
}
