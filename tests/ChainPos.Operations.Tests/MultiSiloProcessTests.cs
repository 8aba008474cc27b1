using System.Collections.Concurrent;
using System.Diagnostics;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Xunit.Abstractions;

namespace ChainPos.Operations.Tests;

/// <summary>
/// Three real <c>chainpos</c> processes clustered through one PostgreSQL on loopback (what <c>k8s/local-cluster.sh</c>
/// runs for a person). While four registers sell through all of them, one node is stopped with SIGTERM (a rolling
/// update or scale-down) and a new one joins. Clients retry a failed call with the same sale id on another node, as
/// store agents behind a load balancer do. Every acknowledged sale must be recorded exactly once.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class MultiSiloProcessTests(ITestOutputHelper output)
{
    private const string AdminSecret = "ops-cluster-admin-0123456789";
    private const string Store = "OPS-MS";
    private const int MinSalesPerRegister = 25;
    // Only a safety stop: each register sells until the new node has taken its share, however long the node takes to
    // start. (At 400, registers that had got faster ran out of sales before a slow start on a busy CI machine ended.)
    private const int MaxSalesPerRegister = 5_000;
    private const int SalesThroughNewNode = 3;
    private const long InitialStock = 100_000;
    private static readonly string[] Registers = ["R1", "R2", "R3", "R4"];
    private static readonly (string Sku, long Price)[] Products = [("MS-A", 1000), ("MS-B", 250), ("MS-C", 1999)];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private sealed record Ack(string Register, string SaleId, CompleteSaleResponse Receipt, IReadOnlyList<SaleLine> Lines, string Node, int Attempts);

    [Fact]
    public async Task ThreeSiloProcesses_OneLeavesOneJoinsDuringSales_EveryAcknowledgedSaleRecordedOnce()
    {
        var server = await PostgresServer.SharedAsync();
        var db = await server.CreateDatabaseAsync($"multisilo_{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string>
        {
            ["ChainPos:Role"] = "AllInOne",
            ["ChainPos:Storage:Provider"] = "Postgres",
            ["ChainPos:Storage:PostgresConnectionString"] = db,
            ["ChainPos:AdvertisedAddress"] = "127.0.0.1",
            ["ChainPos:Auth:Credentials:0:Name"] = "admin",
            ["ChainPos:Auth:Credentials:0:Secret"] = AdminSecret,
            ["ChainPos:Auth:Credentials:0:Role"] = "Admin",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var nodes = new List<ChainPosProcess>();
        var channels = new ConcurrentDictionary<string, GrpcChannel>();
        try
        {
            // Three nodes start together: the schema migration runs once under its advisory lock.
            nodes.AddRange(new[] { "silo-1", "silo-2", "silo-3" }.Select(name => ChainPosProcess.Start(name, settings)));
            await Task.WhenAll(nodes.Select(n => n.WaitReadyAsync(StartTimeout)));
            var live = new LiveNodes(nodes, channels);
            var admin = live.Api(nodes[0]);
            await SetUpAsync(admin);

            var acks = new ConcurrentBag<Ack>();
            var clock = Stopwatch.StartNew();
            var leaving = nodes[1];
            var joined = new TaskCompletionSource<ChainPosProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
            var changeAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var topology = Task.Run(async () =>
            {
                await changeAt.Task;
                output.WriteLine($"{clock.ElapsedMilliseconds} ms: {acks.Count} acknowledged; SIGTERM to {leaving.Name}, starting silo-4");
                var newcomer = ChainPosProcess.Start("silo-4", settings);
                nodes.Add(newcomer);

                // Still in the rotation while it shuts down: calls sent to it meanwhile fail and are retried elsewhere.
                await leaving.StopAsync(TimeSpan.FromSeconds(60));
                live.Remove(leaving);
                output.WriteLine($"{clock.ElapsedMilliseconds} ms: {leaving.Name} exited");
                await newcomer.WaitReadyAsync(StartTimeout);
                live.Add(newcomer);
                output.WriteLine($"{clock.ElapsedMilliseconds} ms: silo-4 ready");
                joined.SetResult(newcomer);
            });

            var drivers = Registers.Select((register, index) => Task.Run(async () =>
            {
                var random = new Random(index + 1);
                var throughNewNode = 0;
                for (var n = 1; n <= MaxSalesPerRegister && (n <= MinSalesPerRegister || throughNewNode < SalesThroughNewNode); n++)
                {
                    var lines = Enumerable.Range(0, random.Next(1, 4))
                        .Select(_ => new SaleLine { Sku = Products[random.Next(Products.Length)].Sku, Quantity = random.Next(1, 4) })
                        .ToList();
                    var total = lines.Sum(l => Products.Single(p => p.Sku == l.Sku).Price * l.Quantity);
                    var sale = new CompleteSaleRequest
                    {
                        StoreId = Store, RegisterId = register, SaleId = $"ms-{register}-{n:000}", Currency = Api.Currency,
                        Lines = { lines }, Tenders = { new Tender { Type = TenderType.Cash, Amount = total } },
                    };
                    var (receipt, node, attempts) = await live.CallAsync(n + index, api => api.Checkout.CompleteSaleAsync(sale, deadline: DateTime.UtcNow.AddSeconds(40)).ResponseAsync);
                    acks.Add(new Ack(register, sale.SaleId, receipt, lines, node, attempts));
                    if (joined.Task.IsCompleted && node == "silo-4")
                    {
                        throughNewNode++;
                    }

                    if (acks.Count >= MinSalesPerRegister * Registers.Length / 3)
                    {
                        changeAt.TrySetResult();
                    }
                }
            })).ToList();

            await Task.WhenAll(drivers);
            await topology;
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: {acks.Count} sales acknowledged, {acks.Count(a => a.Attempts > 1)} after a retry, " +
                $"{acks.Count(a => a.Receipt.Replayed)} answered as replays; by node: {string.Join(", ", acks.GroupBy(a => a.Node).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");

            // The cluster changed under the sales: the stopped node left the membership table, the new one is active.
            Assert.Equal(["silo-1 Active", "silo-2 Dead", "silo-3 Active", "silo-4 Active"], await MembershipAsync(db));
            Assert.True(leaving.HasExited);
            Assert.All(Registers, r => Assert.True(acks.Count(a => a.Register == r && a.Node == "silo-4") >= SalesThroughNewNode));

            foreach (var register in Registers)
            {
                // Receipts 1..N without a gap or a duplicate, and the shift counted each acknowledged sale once.
                var mine = acks.Where(a => a.Register == register).ToList();
                Assert.Equal(mine.Count, mine.Select(a => a.SaleId).Distinct().Count());
                Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => (long)i), mine.Select(a => a.Receipt.ReceiptSequence).Order());
                var report = await live.CallAsync(0, api => api.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = register }).ResponseAsync);
                Assert.Equal((mine.Count, mine.Sum(a => a.Receipt.Total)), (report.Result.SalesCount, report.Result.SalesTotal));
            }

            // Stock: exactly the acknowledged quantities left the shelf (effects are delivered after the answer).
            foreach (var (sku, _) in Products)
            {
                var expected = InitialStock - acks.SelectMany(a => a.Lines).Where(l => l.Sku == sku).Sum(l => (long)l.Quantity);
                var onHand = await Eventually.UntilAsync(
                    async () => (await live.CallAsync(0, api => api.Stock.GetStockAsync(new GetStockRequest { LocationId = Store, Skus = { sku } }).ResponseAsync)).Result.Levels.Single().OnHand,
                    v => v == expected,
                    TimeSpan.FromSeconds(60));
                Assert.Equal((sku, expected), (sku, onHand));
            }
        }
        catch (Exception)
        {
            foreach (var node in nodes)
            {
                output.WriteLine(node.Tail);
            }

            throw;
        }
        finally
        {
            foreach (var channel in channels.Values)
            {
                channel.Dispose();
            }

            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task SetUpAsync(Api admin)
    {
        await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Api.Store(Store, Registers) });
        await admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "ms-catalogue", Products = { Products.Select(p => Api.Product(p.Sku, p.Price)) } });
        foreach (var (sku, _) in Products)
        {
            await Api.StockOperationAsync(admin.Stock.ReceiveStockAsync, Store, sku, "ms-recv-" + sku, InitialStock);
        }

        foreach (var register in Registers)
        {
            await admin.OpenShiftAsync(Store, register);
        }
    }

    /// <summary>"name Status" of every silo in the membership table, by name (status names as Orleans' SiloStatus).</summary>
    private static async Task<List<string>> MembershipAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT silo_name, status FROM pos_cluster_member ORDER BY silo_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)} {(SiloStatus)reader.GetInt32(1)}");
        }

        return rows;
    }

    private enum SiloStatus
    {
        None = 0, Created = 1, Joining = 2, Active = 3, ShuttingDown = 4, Stopping = 5, Dead = 6,
    }

    /// <summary>The nodes a load balancer would send to now, and the retry of a call on the next one when a node fails.</summary>
    private sealed class LiveNodes(IEnumerable<ChainPosProcess> nodes, ConcurrentDictionary<string, GrpcChannel> channels)
    {
        private readonly List<ChainPosProcess> _live = [.. nodes];

        public void Add(ChainPosProcess node)
        {
            lock (_live)
            {
                _live.Add(node);
            }
        }

        public void Remove(ChainPosProcess node)
        {
            lock (_live)
            {
                _live.Remove(node);
            }
        }

        public Api Api(ChainPosProcess node) => new(channels.GetOrAdd(node.Name, _ => GrpcChannel.ForAddress(node.Grpc)), AdminSecret);

        /// <summary>
        /// Calls node <paramref name="pick"/> mod the live count; on a transport or server failure the same request
        /// goes to the next node (same idempotency key). A refusal (bad input, precondition) fails at once.
        /// </summary>
        public async Task<(T Result, string Node, int Attempts)> CallAsync<T>(int pick, Func<Api, Task<T>> call)
        {
            for (var attempt = 1; ; attempt++)
            {
                ChainPosProcess node;
                lock (_live)
                {
                    node = _live[(pick + attempt - 1) % _live.Count];
                }

                try
                {
                    return (await call(Api(node)), node.Name, attempt);
                }
                catch (RpcException e) when (attempt < 30 && e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Cancelled)
                {
                    await Task.Delay(100 * Math.Min(attempt, 10));
                }
            }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "chainpos processes";
}
