using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>
/// What a register keeps in the row it rewrites with every sale, with the group-commit provider on PostgreSQL: a few
/// sale ids, not the receipts of returns (those are entry rows of their own, written once), and what it forgot is
/// still recognised after the register moves to another silo.
/// </summary>
public sealed class RegisterRowTests
{
    private const string Store = OutboxScenario.Store;
    private const string ServiceId = "regrow-svc";

    [Fact]
    public async Task Returns_are_entry_rows_and_forgotten_sale_ids_are_still_recognised_after_a_crash()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("regrow");
        await using var cluster = await PostgresCluster.StartAsync(db, ServiceId, checkout: o => o.RecentIdsKept = 2, groupCommit: true);
        var scenario = await OutboxScenario.StartAsync(cluster, "c-cy", "Cy");
        var (chain, register) = (scenario.Chain, scenario.Register);

        var sales = Enumerable.Range(1, 5).Select(i => Sale($"g-{i}", 1000, [Line("A", 1)], Cash(1000))).ToArray();
        var receipts = await scenario.RingAsync(sales);
        Assert.Equal(0, await register.FlushOutboxAsync());
        var refund = await register.ReturnAsync(new ReturnCommand("g-ret", "g-1", [new ReturnLineSpec("A", 1)], [Cash(1000)], Currency));
        Assert.Equal(0, await register.FlushOutboxAsync());

        var (json, entries) = await RegisterRowAsync(db);
        Assert.DoesNotContain("g-ret", json, StringComparison.Ordinal); // the return's receipt is not in the row...
        Assert.DoesNotContain("ReceiptNumber", json, StringComparison.Ordinal);
        Assert.Equal(["t:g-ret"], entries); // ...but an entry row of its own (the effects are delivered: no other entry)
        Assert.DoesNotContain("\"g-1\"", json, StringComparison.Ordinal); // pruned to the newest two sale ids
        Assert.Contains("\"g-5\"", json, StringComparison.Ordinal);

        // The register moves to the other silo and reads its row and entry rows back.
        await cluster.KillSiloAsync(scenario.Victim);
        var again = await Eventually.UntilAsync(
            () => register.ReturnAsync(new ReturnCommand("g-ret", "g-1", [new ReturnLineSpec("A", 1)], [Cash(1000)], Currency)),
            r => r.Replayed);
        Assert.Equal((refund.ReceiptNumber, refund.RefundTotal), (again.ReceiptNumber, again.RefundTotal));
        await scenario.AssertRetriesReplayAsync(sales, receipts); // g-1..g-3 from their sale records, g-4 and g-5 remembered
        var reused = await Assert.ThrowsAsync<PosException>(() => register.CompleteSaleAsync(Sale("g-ret", 1000, [Line("A", 1)], Cash(1000))));
        Assert.Equal(ErrorCode.AlreadyExists, reused.Code);

        // Five sold, one returned, each once.
        Assert.Equal(0, await register.FlushOutboxAsync());
        Assert.Equal(96L, (await chain.Stock(Store, "A").GetAsync()).OnHand);
        var shift = await register.GetShiftReportAsync();
        Assert.Equal((5, 1), (shift.SalesCount, shift.RefundsCount));
    }

    /// <summary>The register's row (JSON) and the keys of its entry rows, read without activating it.</summary>
    private static async Task<(string Json, List<string> Entries)> RegisterRowAsync(string db) =>
        ((await PostgresCluster.ReadColumnAsync(db,
                "SELECT convert_from(payload, 'UTF8') FROM pos_grain_state_gc WHERE service_id = @s AND state_name = 'register'", ServiceId)).Single(),
            await PostgresCluster.ReadColumnAsync(db,
                "SELECT entry_key FROM pos_grain_entry_gc WHERE service_id = @s AND state_name = 'register' ORDER BY entry_key", ServiceId));
}
