using System.Globalization;

namespace ChainPos.Connector.Inbound;

/// <summary>Where an inbox event stands.</summary>
public enum InboxState
{
    /// <summary>Accepted, not yet applied (maybe retrying).</summary>
    Pending,

    /// <summary>Applied to the gateway (or found to need nothing).</summary>
    Applied,

    /// <summary>Refused by the gateway for a reason a retry cannot fix; kept with its error until retried by hand.</summary>
    Parked,
}

/// <summary>An event in the inbox.</summary>
public sealed record InboxEntry(
    long Seq,
    string EventId,
    string EventType,
    string OrderId,
    string Body,
    InboxState State,
    int Attempts,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    string? Outcome);

/// <summary>
/// The durable inbox of order events (SQLite): an event is accepted once per event id and applied in the order it was
/// accepted. Also holds the stock feed's resume point (<see cref="ConnectorDatabase"/> owns the file).
/// </summary>
public sealed class Inbox(ConnectorDatabase database)
{
    private const string Columns = "seq, event_id, event_type, order_id, body, state, attempts, received_at, next_attempt_at, last_error, outcome";

    /// <summary>Stores the event unless one with its id is there already; false for a duplicate.</summary>
    public async Task<bool> AcceptAsync(OrderEvent evt, string eventType, string body, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO inbox (event_id, event_type, order_id, body, state, attempts, received_at)
            VALUES ($id, $type, $order, $body, 'Pending', 0, $now)
            ON CONFLICT(event_id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", evt.EventId);
        command.Parameters.AddWithValue("$type", eventType);
        command.Parameters.AddWithValue("$order", evt.OrderId);
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$now", Stamp(now));
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>The oldest pending event (the worker applies strictly in order), or null.</summary>
    public async Task<InboxEntry?> NextPendingAsync() =>
        First(await QueryAsync($"SELECT {Columns} FROM inbox WHERE state = 'Pending' ORDER BY seq LIMIT 1"));

    /// <summary>An event by its id, or null.</summary>
    public async Task<InboxEntry?> GetAsync(string eventId) =>
        First(await QueryAsync($"SELECT {Columns} FROM inbox WHERE event_id = $p", eventId));

    /// <summary>Events in a state, oldest first (at most 500).</summary>
    public Task<IReadOnlyList<InboxEntry>> ListAsync(InboxState state) =>
        QueryAsync($"SELECT {Columns} FROM inbox WHERE state = $p ORDER BY seq LIMIT 500", state.ToString());

    /// <summary>Count of events per state.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, COUNT(*) FROM inbox GROUP BY state";
        var counts = Enum.GetNames<InboxState>().ToDictionary(n => n, _ => 0L);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Marks an event applied with what the gateway answered.</summary>
    public Task MarkAppliedAsync(long seq, int attempts, string outcome) =>
        UpdateAsync("UPDATE inbox SET state = 'Applied', attempts = $a, outcome = $o, next_attempt_at = NULL WHERE seq = $s", seq, attempts, outcome, null);

    /// <summary>Keeps an event pending and schedules its next attempt.</summary>
    public Task DeferAsync(long seq, int attempts, string error, DateTimeOffset next) =>
        UpdateAsync("UPDATE inbox SET attempts = $a, last_error = $o, next_attempt_at = $n WHERE seq = $s", seq, attempts, error, next);

    /// <summary>Parks an event with its error.</summary>
    public Task ParkAsync(long seq, int attempts, string error) =>
        UpdateAsync("UPDATE inbox SET state = 'Parked', attempts = $a, last_error = $o, next_attempt_at = NULL WHERE seq = $s", seq, attempts, error, null);

    /// <summary>Puts a parked event back in the queue, behind everything accepted so far (a new sequence number); false when it is not parked.</summary>
    public async Task<bool> RequeueAsync(string eventId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE inbox SET state = 'Pending', next_attempt_at = NULL, seq = (SELECT MAX(seq) + 1 FROM inbox)
            WHERE event_id = $id AND state = 'Parked'
            """;
        command.Parameters.AddWithValue("$id", eventId);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>
    /// Deletes applied events received before <paramref name="receivedBefore"/>, in batches so the webhook is never
    /// blocked for long; pending and parked events stay. Returns how many were deleted.
    /// </summary>
    public async Task<int> PruneAppliedAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await database.OpenAsync();
            await using var command = connection.CreateCommand();
            // received_at is stored as round-trip UTC text of one fixed width, so text order is time order.
            command.CommandText = """
                DELETE FROM inbox WHERE seq IN
                    (SELECT seq FROM inbox WHERE state = 'Applied' AND received_at < $cut ORDER BY seq LIMIT 1000)
                """;
            command.Parameters.AddWithValue("$cut", Stamp(receivedBefore));
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < 1000)
            {
                return total;
            }
        }
    }

    private async Task UpdateAsync(string sql, long seq, int attempts, string text, DateTimeOffset? next)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", seq);
        command.Parameters.AddWithValue("$a", attempts);
        command.Parameters.AddWithValue("$o", text);
        command.Parameters.AddWithValue("$n", next is { } n ? Stamp(n) : DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<IReadOnlyList<InboxEntry>> QueryAsync(string sql, string? parameter = null)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$p", parameter);
        }

        var entries = new List<InboxEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new InboxEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Enum.Parse<InboxState>(reader.GetString(5)), reader.GetInt32(6), Parse(reader.GetString(7)),
                reader.IsDBNull(8) ? null : Parse(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return entries;
    }

    private static InboxEntry? First(IReadOnlyList<InboxEntry> entries) => entries.Count > 0 ? entries[0] : null;

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
