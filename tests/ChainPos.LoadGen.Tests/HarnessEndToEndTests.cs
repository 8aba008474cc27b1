using ChainPos.LoadGen.ChainDay;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ChainPos.LoadGen.Tests;

/// <summary>
/// The chain-day harness against real systems: the all-in-one ChainPos app through its gRPC gateway, and the
/// baseline's tables on the tests' PostgreSQL. A fixed number of operations per caller (not a duration), with
/// a share of calls sent twice as if their first answer was lost, so the invariants must hold exactly.
/// </summary>
public sealed class HarnessEndToEndTests : IAsyncLifetime
{
    private const string AdminSecret = "loadgen-admin-secret";
    private const string CommerceSecret = "loadgen-commerce-secret";
    private static readonly ChainDayPlan Plan = new(Stores: 2, Registers: 2, Skus: 40, Customers: 8, GiftCards: 6, InitialStock: 60, Seed: 5,
        WebShare: 0.2, ReturnShare: 0.1, GiftCardShare: 0.2, DuplicateShare: 0.15);

    private WebApplication? _app;
    private string _baseline = "";

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _baseline = await postgres.CreateDatabaseAsync("loadgen_" + Guid.NewGuid().ToString("N")[..12]);
        _app = ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(NodeSettings.AllInOne()
            .WithCredential("admin", AdminSecret, "Admin")
            .WithCredential("commerce", CommerceSecret, "Commerce")));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private ChainPosSystem ChainPos()
    {
        var target = ChainPosApp.GrpcAddress(_app!);
        return new ChainPosSystem(DemoCredentialsFile.Channel(target, AdminSecret), DemoCredentialsFile.Channel(target, CommerceSecret));
    }

    private BaselineSystem Baseline() => new(NpgsqlDataSource.Create(_baseline));

    private static async Task<ChainDayOutcome> RunAsync(IChainDaySystem system, string runId)
    {
        await system.SeedAsync(Plan);
        return await new ChainDayDriver(system, Plan, concurrency: 4, TimeSpan.Zero, runId, operationsPerCaller: 60).RunAsync();
    }

    private static void AssertFullMix(ChainDayOutcome outcome)
    {
        Assert.True(outcome.Broken.Count == 0, string.Join(Environment.NewLine, outcome.Broken));
        var methods = outcome.Summary.Methods.ToDictionary(m => m.Method);
        foreach (var method in new[] { "CompleteSale", "ReturnItems", "ReserveStock", "CommitReservation", "ReleaseReservation" })
        {
            Assert.True(methods.TryGetValue(method, out var m) && m.Calls > 0, $"{method} was not exercised");
            Assert.Empty(m!.Errors);
        }

        Assert.True(outcome.Summary.Methods.Sum(m => m.Resent) > 0, "no call was sent twice");
        Assert.NotEmpty(outcome.Ledger.GiftCards);
        Assert.NotEmpty(outcome.Ledger.Points);
        Assert.Equal(Plan.Stores * Plan.Registers, outcome.Ledger.Receipts.Count);
    }

    [Fact]
    public async Task ChainPos_keeps_every_invariant_when_answers_are_lost_and_calls_resent()
    {
        await using var system = ChainPos();
        AssertFullMix(await RunAsync(system, "e2e1"));
    }

    [Fact]
    public async Task ChainPos_second_run_reuses_the_seeded_data_and_continues_the_receipt_numbers()
    {
        await using var system = ChainPos();
        var first = await RunAsync(system, "e2e2a");
        var second = await RunAsync(system, "e2e2b");
        Assert.Empty(first.Broken);
        Assert.Empty(second.Broken);
        var register = Ledger.RegisterKey(Plan.Store(1), ChainDayPlan.Register(1));
        Assert.Equal(first.Ledger.Receipts[register].Max() + 1, second.Ledger.Receipts[register].Min());
    }

    [Fact]
    public async Task ChainPos_warm_up_then_measured_run_each_keep_every_invariant_and_receipts_continue()
    {
        // What `chainday --warmup` does: the same mix under its own ids and shifts first, unmarked, then the measured run.
        await using var system = ChainPos();
        await system.SeedAsync(Plan);
        var warm = await new ChainDayDriver(system, Plan, concurrency: 4, TimeSpan.Zero, "e2e5w", operationsPerCaller: 30, markPhases: false).RunAsync();
        var measured = await new ChainDayDriver(system, Plan, concurrency: 4, TimeSpan.Zero, "e2e5", operationsPerCaller: 30).RunAsync();

        Assert.True(warm.Broken.Count == 0, string.Join(Environment.NewLine, warm.Broken));
        Assert.True(measured.Broken.Count == 0, string.Join(Environment.NewLine, measured.Broken));
        var register = Ledger.RegisterKey(Plan.Store(1), ChainDayPlan.Register(1));
        Assert.Equal(warm.Ledger.Receipts[register].Max() + 1, measured.Ledger.Receipts[register].Min());
    }

    [Fact]
    public async Task Baseline_keeps_every_invariant_when_answers_are_lost_and_calls_resent()
    {
        await using var system = Baseline();
        AssertFullMix(await RunAsync(system, "e2e3"));
    }

    [Fact]
    public async Task A_unit_of_stock_lost_behind_the_harness_back_is_reported_by_sku_and_location()
    {
        await using var system = Baseline();
        var outcome = await RunAsync(system, "e2e4");
        Assert.Empty(outcome.Broken);
        var key = outcome.Ledger.OnHand.Keys.OrderBy(k => k.Location, StringComparer.Ordinal).ThenBy(k => k.Sku, StringComparer.Ordinal).First();
        await using (var db = NpgsqlDataSource.Create(_baseline))
        {
            await using var command = db.CreateCommand("UPDATE chainday.stock SET on_hand = on_hand - 1 WHERE location_id = $1 AND sku = $2");
            command.Parameters.Add(new NpgsqlParameter { Value = key.Location });
            command.Parameters.Add(new NpgsqlParameter { Value = key.Sku });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var after = await system.ReadAsync(Plan, outcome.Ledger.OnHand.Keys, Plan.AllRegisters);
        var broken = Invariants.Check(outcome.Before, outcome.Ledger, after);
        Assert.StartsWith($"stock conservation: {key.Location}/{key.Sku}: on hand ", Assert.Single(broken), StringComparison.Ordinal);
    }
}
