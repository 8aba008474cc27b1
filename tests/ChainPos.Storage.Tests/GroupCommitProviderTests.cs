using ChainPos.Storage.GroupCommit;
using Orleans.Storage;

namespace ChainPos.Storage.Tests;

/// <summary>The group-commit provider driven directly, on PostgreSQL and on SQLite.</summary>
public sealed class GroupCommitProviderTests
{
    private const string StateName = "gc-counter";

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task Concurrent_writes_share_one_transaction_and_are_durable(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage();
        var states = Enumerable.Range(0, 40).Select(i => State(total: i)).ToArray();

        storage.Queue.Pause();
        var writes = states.Select((s, i) => storage.WriteStateAsync(StateName, Key(i), s)).ToArray();
        Assert.All(writes, w => Assert.False(w.IsCompleted)); // queued, not acknowledged
        storage.Queue.Resume();
        await Task.WhenAll(writes);

        Assert.Equal(1L, storage.Queue.CommittedBatches);
        Assert.Equal(40L, storage.Queue.CommittedWrites);
        Assert.All(states, s => Assert.Equal(("1", true), (s.ETag, s.RecordExists)));
        var fresh = db.CreateStorage();
        for (var i = 0; i < states.Length; i++)
        {
            var back = await ReadAsync(fresh, i);
            Assert.Equal((i, "1", true, $"item-{i}"), (back.State!.Total, back.ETag, back.RecordExists, back.State!.History.Single()));
        }
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task Stale_etag_fails_only_its_own_write_and_the_rest_of_the_batch_commits(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage();
        var states = Enumerable.Range(0, 5).Select(i => State(total: i)).ToArray();
        await Task.WhenAll(states.Select((s, i) => storage.WriteStateAsync(StateName, Key(i), s)));
        var batchesBefore = storage.Queue.CommittedBatches;

        // Another activation moved key 2 on.
        Assert.Equal(1, await db.ExecuteAsync($"UPDATE pos_grain_state_gc SET version = version + 1 WHERE grain_id = '{Key(2)}'"));
        foreach (var s in states)
        {
            s.State!.Total += 100;
        }

        storage.Queue.Pause();
        var writes = states.Select((s, i) => storage.WriteStateAsync(StateName, Key(i), s)).ToArray();
        storage.Queue.Resume();
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => writes[2]);
        await Task.WhenAll(writes.Where((_, i) => i != 2));

        Assert.Equal(batchesBefore + 1, storage.Queue.CommittedBatches);
        Assert.Contains($"GrainId={Key(2)} ETag=1", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(["2", "2", "1", "2", "2"], states.Select(s => s.ETag));
        var fresh = db.CreateStorage();
        var totals = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i => (await ReadAsync(fresh, i)).State!.Total));
        Assert.Equal([100, 101, 2, 103, 104], totals);
        Assert.Equal("2", (await ReadAsync(fresh, 2)).ETag);
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task Two_queued_writes_of_one_key_go_in_separate_batches_in_queue_order(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage(maxConcurrentBatches: 2);
        var first = State(total: 1);
        var second = State(total: 2);
        second.ETag = "1"; // written as if the first one had already committed
        var other = State(total: 3);

        storage.Queue.Pause();
        var writes = new[]
        {
            storage.WriteStateAsync(StateName, Key(0), first),
            storage.WriteStateAsync(StateName, Key(0), second),
            storage.WriteStateAsync(StateName, Key(1), other),
        };
        storage.Queue.Resume();
        await Task.WhenAll(writes);

        Assert.Equal(2L, storage.Queue.CommittedBatches);
        Assert.Equal(("1", "2", "1"), (first.ETag, second.ETag, other.ETag));
        var back = await ReadAsync(db.CreateStorage(), 0);
        Assert.Equal((2, "2"), (back.State!.Total, back.ETag));
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task First_insert_race_between_two_providers_has_exactly_one_winner(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var (left, right) = (db.CreateStorage(), db.CreateStorage());
        var (leftState, rightState) = (State(total: 10), State(total: 20));

        var results = await Task.WhenAll(
            Outcome(left.WriteStateAsync(StateName, Key(7), leftState)),
            Outcome(right.WriteStateAsync(StateName, Key(7), rightState)));

        Assert.Single(results, r => r is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(results, r => r is not null));
        var winner = results[0] is null ? leftState : rightState;
        var back = await ReadAsync(db.CreateStorage(), 7);
        Assert.Equal((winner.State!.Total, "1"), (back.State!.Total, back.ETag));
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task A_failed_transaction_fails_every_write_in_it_and_none_is_stored(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        // PostgreSQL: a deferred constraint trigger, so the failure comes at COMMIT, after the statement's rows.
        // SQLite: the last statement of the batch aborts.
        await db.ExecuteAsync(kind == GroupCommitDatabase.Postgres
            ? """
              CREATE FUNCTION gc_poison() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW.grain_id LIKE '%poison%' THEN RAISE EXCEPTION 'poisoned batch'; END IF; RETURN NULL; END $$;
              CREATE CONSTRAINT TRIGGER gc_poison AFTER INSERT OR UPDATE ON pos_grain_state_gc
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gc_poison();
              """
            : """
              CREATE TRIGGER gc_poison BEFORE INSERT ON pos_grain_state_gc WHEN NEW.grain_id LIKE '%poison%'
              BEGIN SELECT RAISE(ABORT, 'poisoned batch'); END;
              """);
        var storage = db.CreateStorage();
        var states = new[] { State(1), State(2), State(3) };
        var poison = GrainId.Create("gctest", "poison");

        storage.Queue.Pause();
        var writes = new[]
        {
            storage.WriteStateAsync(StateName, Key(0), states[0]),
            storage.WriteStateAsync(StateName, Key(1), states[1]),
            storage.WriteStateAsync(StateName, poison, states[2]),
        };
        storage.Queue.Resume();
        var failures = await Task.WhenAll(writes.Select(Outcome));

        Assert.Contains("poisoned batch", Assert.IsAssignableFrom<System.Data.Common.DbException>(failures[0]).Message, StringComparison.Ordinal);
        Assert.All(failures, f => Assert.Same(failures[0], f));
        Assert.Equal((0L, 1L), (storage.Queue.CommittedBatches, storage.Queue.FailedBatches));
        Assert.All(states, s => Assert.Equal((null, false), (s.ETag, s.RecordExists)));
        var fresh = db.CreateStorage();
        Assert.False((await ReadAsync(fresh, 0)).RecordExists);
        Assert.False((await ReadAsync(fresh, 1)).RecordExists);

        // The provider keeps going: the callers retry.
        await storage.WriteStateAsync(StateName, Key(0), states[0]);
        Assert.Equal("1", states[0].ETag);
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task Clear_keeps_the_version_chain_and_reads_back_as_no_record(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage();
        var state = State(total: 5);
        await storage.WriteStateAsync(StateName, Key(0), state);
        var stale = new GrainState<StorageTestState>(State(total: 6).State) { ETag = "1", RecordExists = true };

        await storage.ClearStateAsync(StateName, Key(0), state);

        Assert.Equal(("2", false, 0), (state.ETag, state.RecordExists, state.State!.Total));
        var back = await ReadAsync(db.CreateStorage(), 0);
        Assert.Equal(("2", false, 0), (back.ETag, back.RecordExists, back.State!.Total));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Key(0), stale));
        back.State!.Total = 9;
        await storage.WriteStateAsync(StateName, Key(0), back);
        Assert.Equal(("3", true), (back.ETag, back.RecordExists));

        // Clearing what was never written is a no-op: no row appears.
        var never = State(total: 0);
        await storage.ClearStateAsync(StateName, Key(99), never);
        Assert.Equal((null, false), (never.ETag, never.RecordExists));
        Assert.Equal(0, await db.ExecuteAsync($"UPDATE pos_grain_state_gc SET version = version WHERE grain_id = '{Key(99)}'"));
    }

    [Theory]
    [InlineData(GroupCommitDatabase.Postgres)]
    [InlineData(GroupCommitDatabase.Sqlite)]
    public async Task Stop_commits_what_is_queued_and_refuses_later_writes(string kind)
    {
        await using var db = await GroupCommitDatabase.CreateAsync(kind);
        var storage = db.CreateStorage();
        var states = new[] { State(1), State(2), State(3) };

        storage.Queue.Pause();
        var writes = states.Select((s, i) => storage.WriteStateAsync(StateName, Key(i), s)).ToArray();
        await storage.StopAsync(CancellationToken.None);

        Assert.Equal((1L, 3L), (storage.Queue.CommittedBatches, storage.Queue.CommittedWrites));
        await Task.WhenAll(writes);
        Assert.Equal(["1", "1", "1"], states.Select(s => s.ETag));
        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.WriteStateAsync(StateName, Key(3), State(4)));
        Assert.Equal(3, (await ReadAsync(db.CreateStorage(), 2)).State!.Total);
    }

    internal static GrainId Key(int i) => GrainId.Create("gctest", $"k:{i}");

    internal static GrainState<StorageTestState> State(int total)
    {
        var state = new StorageTestState { Total = total };
        state.History.Add($"item-{total}");
        return new GrainState<StorageTestState>(state);
    }

    internal static async Task<GrainState<StorageTestState>> ReadAsync(IGrainStorage storage, int key)
    {
        var state = new GrainState<StorageTestState>();
        await storage.ReadStateAsync(StateName, Key(key), state);
        return state;
    }

    internal static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
