using ChainPos.TestSupport;
using Npgsql;

namespace ChainPos.Storage.Tests;

/// <summary>The group-commit provider when its PostgreSQL server goes away under a queued batch.</summary>
public sealed class GroupCommitPostgresServerTests
{
    [Fact]
    public async Task Server_gone_before_the_batch_fails_every_write_in_it()
    {
        var server = await PostgresServer.StartAsync();
        await using var _ = server;
        var connectionString = await server.CreateDatabaseAsync("gc_server_gone");
        await SchemaMigrator.ApplyPostgresAsync(connectionString);
        await using var db = GroupCommitDatabase.ForPostgres(connectionString);
        var storage = db.CreateStorage();
        await storage.WriteStateAsync("gc-counter", GroupCommitProviderTests.Key(0), GroupCommitProviderTests.State(0));
        var states = new[] { GroupCommitProviderTests.State(1), GroupCommitProviderTests.State(2), GroupCommitProviderTests.State(3) };

        storage.Queue.Pause();
        var writes = states.Select((s, i) => storage.WriteStateAsync("gc-counter", GroupCommitProviderTests.Key(i + 1), s)).ToArray();
        await server.DisposeAsync();
        storage.Queue.Resume();
        var failures = await Task.WhenAll(writes.Select(GroupCommitProviderTests.Outcome));

        Assert.IsAssignableFrom<NpgsqlException>(failures[0]);
        Assert.All(failures, f => Assert.Same(failures[0], f));
        Assert.Equal((1L, 1L), (storage.Queue.CommittedBatches, storage.Queue.FailedBatches));
        Assert.All(states, s => Assert.Equal((null, false), (s.ETag, s.RecordExists)));
    }
}
