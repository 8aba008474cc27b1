using System.Text.Json;
using ChainPos.Grains.Checkout;
using ChainPos.Storage;

namespace ChainPos.Grains.Tests;

/// <summary>
/// The register's pending effects: a ledger keyed by sequence (entry rows with the group-commit provider) kept in
/// commit order in memory, and rows written before the effects (or the remembered returns, voids and cash movements)
/// were ledgers read into them.
/// </summary>
public sealed class EffectQueueTests
{
    [Fact]
    public void Effects_come_back_in_commit_order_whatever_the_map_holds()
    {
        var state = new RegisterState();
        foreach (var sequence in new long[] { 12, 3, 100, 7 })
        {
            state.Effects[sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Effect(sequence);
        }

        var queue = EffectQueue.Load(state);

        Assert.Equal([3L, 7, 12, 100], Enumerable.Range(0, queue.Count).Select(i => queue[i].Sequence));
        Assert.Equal([3L, 7], queue.Head(2).Select(e => e.Sequence));
        Assert.Equal("t-12", queue.Find("t-12")?.TransactionId);
        Assert.False(queue.Contains("t-4"));
    }

    [Fact]
    public void Adding_and_delivering_change_the_ledger_entry_by_entry()
    {
        var state = new RegisterState();
        var queue = EffectQueue.Load(state);
        queue.Add(Effect(1));
        queue.Add(Effect(2));
        queue.Add(Effect(3));
        Assert.Equal(3, state.Effects.Count);
        Assert.Equal(3, state.Effects.UnwrittenChanges);

        queue.RemoveHead(2);

        Assert.Equal(3L, Assert.Single(state.Effects.Values).Sequence);
        Assert.Equal(1, queue.Count);
        Assert.Equal(3, queue[0].Sequence);
        Assert.Equal(["t-3"], queue.TransactionIds());
    }

    [Fact]
    public void Find_answers_the_oldest_pending_effect_of_an_id_also_when_two_carry_it()
    {
        var state = new RegisterState();
        var queue = EffectQueue.Load(state);
        queue.Add(Effect(1));
        queue.Add(Effect(2, "shared"));
        queue.Add(Effect(3));
        queue.Add(Effect(4, "shared")); // e.g. a return numbered like a sale already forgotten

        Assert.Equal(2, queue.Find("shared")?.Sequence);
        queue.RemoveHead(2);
        Assert.Equal(4, queue.Find("shared")?.Sequence);
        Assert.Null(queue.Find("t-1"));
        Assert.True(queue.Contains("t-3"));
        queue.RemoveHead(2);
        Assert.Equal((0, false, false), (queue.Count, queue.Contains("shared"), queue.Contains("t-3")));
        Assert.Empty(queue.TransactionIds());

        // Loaded from storage, the index is rebuilt in commit order.
        queue.Add(Effect(5, "again"));
        queue.Add(Effect(6, "again"));
        var reloaded = EffectQueue.Load(state);
        Assert.Equal(5, reloaded.Find("again")?.Sequence);
        reloaded.RemoveHead(1);
        Assert.Equal(6, reloaded.Find("again")?.Sequence);
    }

    [Fact]
    public void An_effect_out_of_order_is_refused_and_changes_nothing()
    {
        var state = new RegisterState();
        var queue = EffectQueue.Load(state);
        queue.Add(Effect(5));

        Assert.Throws<InvalidOperationException>(() => queue.Add(Effect(5)));
        Assert.Throws<InvalidOperationException>(() => queue.Add(Effect(4)));
        Assert.Equal(1, queue.Count);
        Assert.Single(state.Effects);
    }

    [Fact]
    public void A_row_with_the_effects_inline_is_read_into_the_ledger_and_written_without_them()
    {
        // The shape of a register row written before the effects were a ledger.
        const string OldRow = """{"LastReceiptSequence":2,"Outbox":[{"Sequence":1,"TransactionId":"s-1"},{"Sequence":2,"TransactionId":"s-2"}],"LastEffectSequence":2}""";
        var state = JsonSerializer.Deserialize<RegisterState>(OldRow)!;
        Assert.Equal(2, state.LegacyOutbox?.Count);

        var queue = EffectQueue.Load(state);

        Assert.Null(state.LegacyOutbox);
        Assert.Equal(["s-1", "s-2"], Enumerable.Range(0, queue.Count).Select(i => queue[i].TransactionId));
        Assert.Equal(2, state.Effects.UnwrittenChanges); // the next write stores them as entry rows
        var written = JsonSerializer.Serialize(state);
        Assert.DoesNotContain("\"Outbox\"", written, StringComparison.Ordinal);
        Assert.Contains("\"s-2\"", written, StringComparison.Ordinal); // inline in the JSON of providers without entry rows
        Assert.Equal(["s-1", "s-2"], JsonSerializer.Deserialize<RegisterState>(written)!.Effects.Values.Select(e => e.TransactionId).Order());
    }

    [Fact]
    public void A_row_with_returns_among_its_sale_ids_moves_them_to_their_own_map()
    {
        // The shape of a register row written before returns, voids and cash movements had a map of their own.
        const string OldRow = """
            {"LastReceiptSequence":3,"Recent":{
              "s-1":{"Kind":1,"ReceiptSequence":1,"OccurredAt":"2026-12-01T10:00:00+00:00"},
              "r-1":{"Kind":2,"ReceiptSequence":2,"OccurredAt":"2026-12-01T10:05:00+00:00","Return":{"ReturnId":"r-1","ReceiptSequence":2,"ReceiptNumber":"S1-R1-000002","Currency":"EUR","Lines":[],"RefundTotal":500,"TaxRefunded":80}},
              "c-1":{"Kind":4,"ReceiptSequence":0,"OccurredAt":"2026-12-01T10:06:00+00:00","ExpectedCash":1500}}}
            """;
        var state = JsonSerializer.Deserialize<RegisterState>(OldRow)!;

        state.MoveOtherRecent();

        Assert.Equal(["s-1"], state.Recent.Keys);
        Assert.Equal(["c-1", "r-1"], state.RecentOther.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((500L, 1500L), (state.RecentOther["r-1"].Return!.RefundTotal, state.RecentOther["c-1"].ExpectedCash));
        Assert.Equal(2, state.RecentOther.UnwrittenChanges); // the next write stores them as entry rows
        state.MoveOtherRecent();
        Assert.Equal((1, 2), (state.Recent.Count, state.RecentOther.Count)); // a row already moved is left as it is
    }

    private static PendingEffect Effect(long sequence) => Effect(sequence, $"t-{sequence}");

    private static PendingEffect Effect(long sequence, string transactionId) => new() { Sequence = sequence, TransactionId = transactionId };
}
