using ChainPos.LoadGen.Metrics;
using Grpc.Core;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>What one system did in a chain-day run and which invariants broke.</summary>
internal sealed record ChainDayOutcome(RunSummary Summary, IReadOnlyList<string> Broken, Ledger Ledger, Snapshot Before);

/// <summary>
/// Drives one system through a chain-day run: open shifts, read the "before" snapshot, run the callers'
/// operation streams for the duration, then read back (until it converges, for eventually applied
/// effects) and check the invariants against the ledger of acknowledged effects. With
/// <c>operationsPerCaller</c> &gt; 0 each caller does exactly that many operations instead (a fixed amount of work).
/// </summary>
internal sealed class ChainDayDriver(
    IChainDaySystem system, ChainDayPlan plan, int concurrency, TimeSpan duration, string runId, Func<int, IOperationStream>? streams = null, string headline = "CompleteSale",
    int operationsPerCaller = 0, bool markPhases = true)
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);
    private readonly Ledger _ledger = new();
    private readonly RunMetrics _metrics = new(system.Name, headline);
    private readonly Func<int, IOperationStream> _streams = streams ?? ChainDayStreams(plan, runId);

    /// <summary>The chain-day mix: one <see cref="ChainDayMix"/> per caller over a shared Zipf table.</summary>
    public static Func<int, IOperationStream> ChainDayStreams(ChainDayPlan plan, string runId)
    {
        var zipf = new ZipfSampler(plan.Skus, plan.ZipfExponent);
        return caller => new ChainDayMix(plan, zipf, caller, runId);
    }

    public async Task<ChainDayOutcome> RunAsync()
    {
        var registers = plan.AllRegisters.ToList();
        var used = Enumerable.Range(0, Math.Min(concurrency, registers.Count)).Select(i => registers[i]).ToList();
        Console.WriteLine($"[{system.Name}] opening {used.Count} shifts and reading the starting state");
        var lastBefore = new System.Collections.Concurrent.ConcurrentDictionary<string, RegisterReading>(StringComparer.Ordinal);
        await SeedProgress.ForEachAsync("open shifts", used, 16, async r =>
            lastBefore[Ledger.RegisterKey(r.Store, r.Register)] = new RegisterReading(await system.OpenShiftAsync(r.Store, r.Register, runId)));
        var keys = plan.AllStores.SelectMany(s => plan.AllSkus.Select(sku => new StockKey(s, sku))).ToList();
        var before = await system.ReadAsync(plan, keys, used) with { Registers = lastBefore };

        Console.WriteLine($"[{system.Name}] {concurrency} callers on {used.Count} registers for {duration.TotalSeconds:F0} s");
        MarkPhase("start");
        _metrics.Start();
        using (_metrics.ShowProgress(duration))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => CallerAsync(i, used[i % used.Count])));
        }

        _metrics.Stop();
        MarkPhase("stop");
        Console.WriteLine();
        var summary = RunSummary.From(_metrics);
        Console.WriteLine(summary.ToText());

        var touched = _ledger.OnHand.Keys.Union(_ledger.Reserved.Keys).Distinct().ToList();
        var deadline = DateTime.UtcNow + Converge;
        while (true)
        {
            var after = await system.ReadAsync(plan, touched, used);
            var broken = Invariants.Check(before, _ledger, after);
            if (broken.Count == 0 || DateTime.UtcNow > deadline)
            {
                return new ChainDayOutcome(summary, broken, _ledger, before);
            }

            Console.WriteLine($"[{system.Name}] {broken.Count} checks not yet true (effects may still be in flight); reading again");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>
    /// Appends "start|stop system unix-ms" to the file named by CHAINPOS_LOAD_PHASE_FILE, when set: lets a profiler or a
    /// CPU sampler cover exactly the measured phase, not the seeding and read-back around it.
    /// </summary>
    private void MarkPhase(string what)
    {
        if (markPhases && Environment.GetEnvironmentVariable("CHAINPOS_LOAD_PHASE_FILE") is { Length: > 0 } file)
        {
            File.AppendAllText(file, $"{what} {system.Name} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n");
        }
    }

    private async Task CallerAsync(int caller, (string Store, string Register) register)
    {
        var mix = _streams(caller);
        var chaos = new Random(HashCode.Combine(plan.Seed, caller, 7));
        var sales = new List<SaleResult>();
        for (var done = 0; operationsPerCaller > 0 ? done < operationsPerCaller : _metrics.Elapsed < duration; done++)
        {
            switch (mix.Next(sales.Count))
            {
                case SaleOperation sale:
                    var (ok, sold) = await CallAsync("CompleteSale", () => system.SellAsync(register.Store, register.Register, sale), chaos);
                    if (ok)
                    {
                        Apply(sale, sold!);
                        sales.Add(sold!);
                    }

                    break;
                case ReturnOperation r:
                    var original = sales[r.Pick];
                    sales.RemoveAt(r.Pick);
                    var lineIndex = r.Pick % original.Lines.Count;
                    var (returnedOk, returned) = await CallAsync("ReturnItems", () => system.ReturnAsync(register.Store, register.Register, r.ReturnId, original, lineIndex), chaos);
                    if (returnedOk)
                    {
                        var line = original.Lines[lineIndex];
                        _ledger.Stock(original.Store, line.Sku, line.Quantity);
                        _ledger.Receipt(Ledger.RegisterKey(register.Store, register.Register), returned!.Sequence);
                        if (original.CustomerId is not null)
                        {
                            _ledger.Loyalty(original.CustomerId, -returned.PointsClawedBack);
                        }
                    }

                    break;
                case WebOrderOperation order:
                    await WebOrderAsync(order, chaos);
                    break;
            }
        }
    }

    private void Apply(SaleOperation sale, SaleResult sold)
    {
        foreach (var line in sold.Lines)
        {
            _ledger.Stock(sold.Store, line.Sku, -line.Quantity);
        }

        _ledger.Receipt(Ledger.RegisterKey(sold.Store, sold.Register), sold.Sequence);
        if (sale.CustomerId is not null)
        {
            _ledger.Loyalty(sale.CustomerId, sold.PointsEarned);
        }

        if (sale.GiftCardAmount > 0)
        {
            _ledger.GiftCard(sale.GiftCardCode!, -sale.GiftCardAmount);
        }
    }

    private async Task WebOrderAsync(WebOrderOperation order, Random chaos)
    {
        var (_, granted) = await CallAsync("ReserveStock", () => system.ReserveAsync(order), chaos, ok => ok);
        if (!granted)
        {
            return;
        }

        foreach (var l in order.Lines)
        {
            _ledger.Grant(order.Location, l.Sku, l.Quantity);
        }

        if (order.Hold)
        {
            return;
        }

        var method = order.Commit ? "CommitReservation" : "ReleaseReservation";
        var (done, _) = await CallAsync(method, async () =>
        {
            await (order.Commit ? system.CommitAsync(order.OrderId) : system.ReleaseAsync(order.OrderId));
            return true;
        }, chaos);
        if (done)
        {
            foreach (var l in order.Lines)
            {
                _ledger.Stock(order.Location, l.Sku, order.Commit ? -l.Quantity : 0, -l.Quantity);
            }
        }
    }

    /// <summary>
    /// One timed call, retried with the same id when the outcome is unknown (transport failure, timeout):
    /// the systems are idempotent by id, so a retry cannot double anything. A definite refusal changes
    /// nothing and is counted as an error of its status; if every retry fails the effect is unknown.
    /// </summary>
    private async Task<(bool Ok, T Value)> CallAsync<T>(string method, Func<Task<T>> call, Random chaos, Func<T, bool>? granted = null)
    {
        if (plan.DuplicateShare > 0 && chaos.NextDouble() < plan.DuplicateShare)
        {
            // The answer to this first send is "lost"; the caller sends the same request again below.
            _metrics.For(method).Resend();
            try
            {
                await call();
            }
            catch (RpcException)
            {
                // Whatever happened, the resend below must give the one true outcome.
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (true, await _metrics.TimeAsync(method, call, granted));
            }
            catch (RpcException e) when (IsUnknownOutcome(e.StatusCode) && attempt < 3)
            {
                _metrics.Fail(method + " (retried)", e.StatusCode, e.Status.Detail);
            }
            catch (RpcException e)
            {
                _metrics.Fail(method, e.StatusCode, e.Status.Detail);
                if (IsUnknownOutcome(e.StatusCode) || (attempt > 1 && e.StatusCode == StatusCode.AlreadyExists))
                {
                    _ledger.MarkUnknown();
                }

                return (false, default!);
            }
        }
    }

    private static bool IsUnknownOutcome(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted or StatusCode.Cancelled;
}
