using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Orleans.Storage;

namespace ChainPos.Storage.Tests;

/// <summary>An entry of <see cref="LedgerTestState"/>.</summary>
[GenerateSerializer]
public sealed class LedgerTestEntry
{
    [Id(0)] public long Units { get; init; }
    [Id(1)] public string Note { get; init; } = "";
}

/// <summary>State with a small row and a growing keyed collection stored apart by the group-commit provider.</summary>
[GenerateSerializer]
public sealed class LedgerTestState : ILedgerState
{
    [Id(0)] public long Total { get; set; }
    [Id(1)] public LedgerMap<LedgerTestEntry> Entries { get; set; } = new();

    ILedgerMap ILedgerState.Ledger => Entries;
}

/// <summary>State with two collections stored apart: the second's entry rows are keyed under "n:".</summary>
[GenerateSerializer]
public sealed class TwoLedgerTestState : ILedgerState
{
    [Id(0)] public long Total { get; set; }
    [Id(1)] public LedgerMap<LedgerTestEntry> Entries { get; set; } = new();
    [Id(2)] public LedgerMap<LedgerTestEntry> Notes { get; set; } = new();

    ILedgerMap ILedgerState.Ledger => Entries;

    IReadOnlyList<KeyValuePair<string, ILedgerMap>> ILedgerState.PrefixedLedgers => [new("n:", Notes)];
}

/// <summary>
/// <see cref="LedgerMap{TValue}"/> through the group-commit provider on PostgreSQL and SQLite: entries are rows of
/// their own, a write carries only what changed and only when its row's version matched, a clear removes them, a row
/// written with the entries inline moves them out; elsewhere (JSON inline, Orleans copies) it is a plain map.
/// </summary>
public sealed class GroupCommitLedgerTests
{
    private const string StateName = "ledger";
    private static readonly GrainId Grain = GrainId.Create("ledgertest", "sku-1");

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task Entries_are_rows_of_their_own_and_a_write_carries_only_the_ones_that_changed(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage();
        var state = new GrainState<LedgerTestState>(new LedgerTestState { Total = 200 });
        for (var i = 0; i < 200; i++)
        {
            state.State!.Entries[Key(i)] = new LedgerTestEntry { Units = i, Note = "held" };
        }

        await storage.WriteStateAsync(StateName, Grain, state);
        Assert.Equal(0, state.State!.Entries.UnwrittenChanges);
        var row = await RowJsonAsync(db);
        Assert.Equal("{\"Total\":200,\"Entries\":{}}", row); // the row stays small however many entries there are
        Assert.Equal(200, await EntryCountAsync(db));
        var stampsBefore = kind == GroupCommitDatabase.Postgres ? await XminByKeyAsync(db) : null;

        // Replace one, add one, remove one: three entry changes with the row.
        state.State!.Entries[Key(7)] = new LedgerTestEntry { Units = 70, Note = "changed" };
        state.State!.Entries["order-new"] = new LedgerTestEntry { Units = 1, Note = "added" };
        Assert.True(state.State!.Entries.Remove(Key(9)));
        state.State!.Total = 201;
        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal(200, await EntryCountAsync(db));
        if (stampsBefore is not null)
        {
            // Each entry row keeps the transaction id that last wrote it: only the replaced and the added ones moved on.
            var stampsAfter = await XminByKeyAsync(db);
            var rewritten = stampsAfter.Where(p => !stampsBefore.TryGetValue(p.Key, out var before) || before != p.Value).Select(p => p.Key);
            Assert.Equal([Key(7), "order-new"], rewritten.Order(StringComparer.Ordinal));
        }

        var back = new GrainState<LedgerTestState>();
        await db.CreateStorage().ReadStateAsync(StateName, Grain, back);
        Assert.Equal((201L, "2", 200), (back.State!.Total, back.ETag, back.State!.Entries.Count));
        Assert.Equal((70L, "changed"), (back.State!.Entries[Key(7)].Units, back.State!.Entries[Key(7)].Note));
        Assert.Equal("added", back.State!.Entries["order-new"].Note);
        Assert.False(back.State!.Entries.ContainsKey(Key(9)));
        Assert.Equal(Enumerable.Range(0, 200).Where(i => i is not 7 and not 9).Sum(i => (long)i) + 70 + 1, back.State!.Entries.Values.Sum(e => e.Units));
        Assert.Equal(0, back.State!.Entries.UnwrittenChanges);
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task A_write_with_a_stale_version_changes_no_entry_and_keeps_its_changes_for_a_later_write(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage();
        var state = new GrainState<LedgerTestState>(new LedgerTestState());
        state.State!.Entries["a"] = new LedgerTestEntry { Units = 1 };
        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal(1, await db.ExecuteAsync("UPDATE pos_grain_state_gc SET version = version + 1")); // another activation wrote
        state.State!.Entries["b"] = new LedgerTestEntry { Units = 2 };
        Assert.True(state.State!.Entries.Remove("a"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, state));

        Assert.Equal(["a"], await EntryKeysAsync(db)); // neither the put nor the delete happened
        Assert.Equal(2, state.State!.Entries.UnwrittenChanges);
        state.ETag = "2"; // as after a re-read: the changes still pending go with the next write
        await storage.WriteStateAsync(StateName, Grain, state);
        Assert.Equal(["b"], await EntryKeysAsync(db));
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task Clear_deletes_every_entry_row_and_reads_back_empty(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage();
        var state = new GrainState<LedgerTestState>(new LedgerTestState { Total = 3 });
        state.State!.Entries["a"] = new LedgerTestEntry { Units = 1 };
        state.State!.Entries["b"] = new LedgerTestEntry { Units = 2 };
        await storage.WriteStateAsync(StateName, Grain, state);

        await storage.ClearStateAsync(StateName, Grain, state);

        Assert.Equal(0, await EntryCountAsync(db));
        var back = new GrainState<LedgerTestState>();
        await db.CreateStorage().ReadStateAsync(StateName, Grain, back);
        Assert.Equal((false, 0), (back.RecordExists, back.State!.Entries.Count));
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task A_row_written_with_its_entries_inline_moves_them_out_on_the_next_write(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        // As a stock row written before the entries moved apart: the entries are in the row's JSON.
        const string Inline = "{\"Total\":2,\"Entries\":{\"a\":{\"Units\":1,\"Note\":\"x\"},\"b\":{\"Units\":2,\"Note\":\"y\"}}}";
        var payload = kind == GroupCommitDatabase.Postgres ? $"convert_to('{Inline}', 'UTF8')" : $"CAST('{Inline}' AS BLOB)";
        Assert.Equal(1, await db.ExecuteAsync(
            $"INSERT INTO pos_grain_state_gc (service_id, state_name, grain_id, payload, version) VALUES ('{GroupCommitDatabase.ServiceId}', '{StateName}', '{Grain}', {payload}, 1)"));

        var storage = db.CreateStorage();
        var state = new GrainState<LedgerTestState>();
        await storage.ReadStateAsync(StateName, Grain, state);
        Assert.Equal((2, 2), (state.State!.Entries.Count, state.State!.Entries.UnwrittenChanges));
        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal(["a", "b"], await EntryKeysAsync(db));
        Assert.Equal("{\"Total\":2,\"Entries\":{}}", await RowJsonAsync(db));
        var back = new GrainState<LedgerTestState>();
        await db.CreateStorage().ReadStateAsync(StateName, Grain, back);
        Assert.Equal(("x", 2L), (back.State!.Entries["a"].Note, back.State!.Entries["b"].Units));
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task A_second_ledger_keeps_its_entries_under_its_prefix_and_reads_back_into_its_own_map(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage();
        var state = new GrainState<TwoLedgerTestState>(new TwoLedgerTestState { Total = 1 });
        state.State!.Entries["1"] = new LedgerTestEntry { Units = 1, Note = "entry" };
        state.State!.Entries["2"] = new LedgerTestEntry { Units = 2, Note = "entry" };
        state.State!.Notes["1"] = new LedgerTestEntry { Units = 10, Note = "note" }; // the same key in the other map
        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal(["1", "2", "n:1"], await EntryKeysAsync(db));
        Assert.Equal("{\"Total\":1,\"Entries\":{},\"Notes\":{}}", await RowJsonAsync(db));
        Assert.Equal((0, 0), (state.State!.Entries.UnwrittenChanges, state.State!.Notes.UnwrittenChanges));

        // A change in each map: one delete, one add.
        Assert.True(state.State!.Entries.Remove("2"));
        state.State!.Notes["2"] = new LedgerTestEntry { Units = 20, Note = "note" };
        await storage.WriteStateAsync(StateName, Grain, state);
        Assert.Equal(["1", "n:1", "n:2"], await EntryKeysAsync(db));

        var back = new GrainState<TwoLedgerTestState>();
        await db.CreateStorage().ReadStateAsync(StateName, Grain, back);
        Assert.Equal(["1"], back.State!.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2"], back.State!.Notes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1L, 10L, 20L), (back.State!.Entries["1"].Units, back.State!.Notes["1"].Units, back.State!.Notes["2"].Units));
        Assert.Equal((0, 0), (back.State!.Entries.UnwrittenChanges, back.State!.Notes.UnwrittenChanges));

        // Read back, both maps are stored apart again: a change to one writes that entry only.
        back.State!.Notes.Remove("1");
        await db.CreateStorage().WriteStateAsync(StateName, Grain, back);
        Assert.Equal(["1", "n:2"], await EntryKeysAsync(db));
        Assert.Equal("{\"Total\":1,\"Entries\":{},\"Notes\":{}}", await RowJsonAsync(db));
    }

    [Fact]
    public void Outside_the_group_commit_provider_it_is_a_plain_map_in_the_json_and_in_orleans_copies()
    {
        var state = new LedgerTestState { Total = 1 };
        state.Entries["a"] = new LedgerTestEntry { Units = 5, Note = "n" };

        var json = GroupCommitDatabase.Serializer.Serialize(state).ToString();
        Assert.Equal("{\"Total\":1,\"Entries\":{\"a\":{\"Units\":5,\"Note\":\"n\"}}}", json);
        var read = GroupCommitDatabase.Serializer.Deserialize<LedgerTestState>(new BinaryData(Encoding.UTF8.GetBytes(json)))!;
        Assert.Equal(5, read.Entries["a"].Units);

        // The ADO.NET path snapshots state with Orleans' deep copier before it writes.
        var copier = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(LedgerTestState).Assembly)).BuildServiceProvider()
            .GetRequiredService<DeepCopier<LedgerTestState>>();
        var copy = copier.Copy(state);
        state.Entries["b"] = new LedgerTestEntry { Units = 6 };
        Assert.Equal((1, 5L), (copy.Entries.Count, copy.Entries["a"].Units));
        copy.Entries["c"] = new LedgerTestEntry { Units = 7 }; // the copy is a working map of its own
        Assert.Equal(2, copy.Entries.Count);
    }

    private static string Key(int i) => $"order-{i:D4}";

    private static async Task<string> RowJsonAsync(GroupCommitDatabase db) =>
        (await db.QueryAsync("SELECT payload FROM pos_grain_state_gc")).Single() is var text ? text : "";

    private static async Task<int> EntryCountAsync(GroupCommitDatabase db) => (await EntryKeysAsync(db)).Count;

    private static async Task<List<string>> EntryKeysAsync(GroupCommitDatabase db) =>
        [.. (await db.QueryAsync($"SELECT entry_key FROM pos_grain_entry_gc WHERE grain_id = '{Grain}' ORDER BY entry_key")).Order(StringComparer.Ordinal)];

    private static async Task<Dictionary<string, string>> XminByKeyAsync(GroupCommitDatabase db) =>
        (await db.QueryAsync("SELECT entry_key || '=' || xmin::text FROM pos_grain_entry_gc"))
            .Select(r => r.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}

/// <summary>Activation reads sharing statements on PostgreSQL (<see cref="GroupCommit.GroupReadQueue"/>).</summary>
public sealed class GroupReadTests
{
    [Fact]
    public async Task Reads_arriving_together_share_statements_and_each_gets_its_own_row_entries_or_nothing()
    {
        await using var db = await GroupCommitDatabase.CreateAsync(GroupCommitDatabase.Postgres);
        var writer = db.CreateStorage();
        for (var i = 0; i < 100; i += 2) // even keys exist, odd ones do not
        {
            var state = new GrainState<LedgerTestState>(new LedgerTestState { Total = i });
            state.State!.Entries[$"e{i}"] = new LedgerTestEntry { Units = i };
            await writer.WriteStateAsync("ledger", Grain(i), state);
        }

        var reader = db.CreateStorage();
        var reads = Enumerable.Range(0, 200).Select(n => (Key: n % 100, State: new GrainState<LedgerTestState>())).ToList();
        await Task.WhenAll(reads.Select(r => reader.ReadStateAsync("ledger", Grain(r.Key), r.State)));

        foreach (var (key, state) in reads)
        {
            if (key % 2 == 0)
            {
                Assert.Equal((true, "1", (long)key, (long)key), (state.RecordExists, state.ETag, state.State!.Total, state.State.Entries[$"e{key}"].Units));
                Assert.Single(state.State.Entries);
            }
            else
            {
                Assert.Equal((false, (string?)null, 0), (state.RecordExists, state.ETag, state.State!.Entries.Count));
            }
        }

        Assert.Equal(200L, reader.Reads!.Reads);
        Assert.True(reader.Reads.Batches <= 20, $"{reader.Reads.Batches} statements for 200 reads queued at once");
    }

    [Fact]
    public void The_stores_sessions_plan_key_lookups_as_index_probes_and_keep_options_given()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(
            GroupCommit.PostgresGroupCommitStore.KeyLookupsOnly("Host=db;Username=pos;Options=-c statement_timeout=5000"));

        Assert.Equal(
            "-c statement_timeout=5000 -c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off -c enable_bitmapscan=off",
            tuned.Options);
        Assert.Equal(("db", "pos"), (tuned.Host, tuned.Username));
    }

    private static GrainId Grain(int i) => GrainId.Create("ledgertest", $"k{i}");
}
