using System.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChainPos.Storage.Tests;

/// <summary>The optional <c>CleanupDefunctSiloEntryKey</c> query (compare-and-delete of Dead members).</summary>
[Collection(SiloTestGroup.Name)]
public sealed class PostgresMembershipCleanupTests
{
    // The last row is kept by Orleans' per-entry path (a recent suspicion vote) but would be deleted by the
    // older CleanupDefunctSiloEntriesKey query: it shows which query ran.
    private const string DeadRows = """
        INSERT INTO pos_cluster_member VALUES
          ('test-cluster', '127.0.0.1', 1, 1, 'dead-old', 'h', 6, 0, NULL,
           '2020-01-01 10:00:00.123456+00', '2020-01-01 11:00:00.654321+00'),
          ('test-cluster', '127.0.0.1', 2, 1, 'dead-old-suspected', 'h', 6, 0, '127.0.0.1:3@1,2020-01-01 10:30:00.123 GMT',
           '2020-01-01 10:00:00.123456+00', '2020-01-01 11:00:00.654321+00'),
          ('test-cluster', '127.0.0.1', 4, 1, 'dead-recent', 'h', 6, 0, NULL, now() - interval '1 hour', now()),
          ('test-cluster', '127.0.0.1', 5, 1, 'dead-old-recent-vote', 'h', 6, 0,
           '127.0.0.1:3@1,' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') || ' GMT',
           '2020-01-01 10:00:00.123456+00', '2020-01-01 11:00:00.654321+00');
        """;

    [Fact]
    public async Task Cleanup_deletes_old_dead_members_only_in_any_session_time_zone()
    {
        var options = await SiloStorageTests.PostgresOptionsAsync("cleanup");
        await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
        await connection.OpenAsync();
        // A non-UTC session zone would shift a timestamp-without-time-zone comparison by hours.
        await ExecuteAsync(connection, $"ALTER DATABASE \"{connection.Database}\" SET timezone = 'America/New_York'");
        NpgsqlConnection.ClearAllPools();

        await using var silo = await TestSilo.StartAsync(options);
        await ExecuteAsync(connection, DeadRows);

        await silo.Services.GetRequiredService<IMembershipTable>()
            .CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(-1));

        await using var command = new NpgsqlCommand(
            "SELECT string_agg(silo_name, ',' ORDER BY silo_name) FROM pos_cluster_member WHERE status = 6", connection);
        Assert.Equal("dead-old-recent-vote,dead-recent", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT count(*) FROM pos_cluster_member WHERE status = 3";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Cleanup_query_keeps_a_member_that_changed_since_it_was_read()
    {
        var options = await SiloStorageTests.PostgresOptionsAsync("cleanup_cas");
        await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "INSERT INTO pos_cluster_version(deployment_id) VALUES ('test-cluster')");
        await ExecuteAsync(connection, DeadRows);
        await using var text = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'", connection);
        var query = (string)(await text.ExecuteScalarAsync())!;

        // Bound the way Orleans binds them: DbType.DateTime with UTC DateTimes, as read from the table.
        var startTime = new DateTime(2020, 1, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560);
        var seenAlive = new DateTime(2020, 1, 1, 11, 0, 0, DateTimeKind.Utc).AddTicks(6_543_210);
        Assert.Equal(0, await DeleteAsync(connection, query, port: 1, startTime, seenAlive.AddSeconds(1), suspectTimes: null));
        Assert.Equal(0, await DeleteAsync(connection, query, port: 2, startTime, seenAlive, suspectTimes: null));
        Assert.Equal(1, await DeleteAsync(connection, query, port: 1, startTime, seenAlive, suspectTimes: null));
        Assert.Equal(1, await DeleteAsync(connection, query, port: 2, startTime, seenAlive, "127.0.0.1:3@1,2020-01-01 10:30:00.123 GMT"));
    }

    private static async Task<int> DeleteAsync(
        NpgsqlConnection connection, string query, int port, DateTime startTime, DateTime iAmAliveTime, string? suspectTimes)
    {
        await using var command = new NpgsqlCommand(query, connection);
        command.Parameters.Add(new NpgsqlParameter("DeploymentId", "test-cluster"));
        command.Parameters.Add(new NpgsqlParameter("Address", "127.0.0.1"));
        command.Parameters.Add(new NpgsqlParameter("Port", port));
        command.Parameters.Add(new NpgsqlParameter("Generation", 1));
        command.Parameters.Add(new NpgsqlParameter("SuspectTimes", (object?)suspectTimes ?? DBNull.Value));
        command.Parameters.Add(new NpgsqlParameter("StartTime", DbType.DateTime) { Value = startTime });
        command.Parameters.Add(new NpgsqlParameter("IAmAliveTime", DbType.DateTime) { Value = iAmAliveTime });
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
