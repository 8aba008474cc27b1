using System.Data.Common;
using Npgsql;

namespace ChainPos.Storage;

/// <summary>
/// Lists the keys of the grains that have stored state under one state name, a page at a time in key order, from the
/// ADO.NET table and the group-commit table alike (whichever the node writes). For operations that must visit every
/// stored grain of a kind once, such as the liability back-fill; never on a customer's path.
/// </summary>
public interface IStoredGrainKeys
{
    /// <summary>
    /// At most <paramref name="limit"/> keys after <paramref name="after"/> (empty: from the first), in key order.
    /// Throws <see cref="NotSupportedException"/> on memory storage.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string stateName, string after, int limit, CancellationToken cancellationToken);
}

/// <summary>Memory storage keeps no table to list.</summary>
internal sealed class NoStoredGrainKeys : IStoredGrainKeys
{
    public Task<IReadOnlyList<string>> ListAsync(string stateName, string after, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Memory grain storage cannot list stored grains.");
}

/// <summary>PostgreSQL or SQLite: both tables, keys of rows with a payload (a cleared row has none).</summary>
internal sealed class SqlStoredGrainKeys(DbDataSource dataSource, Func<string> serviceId, bool postgres) : IStoredGrainKeys
{
    // Group-commit rows are keyed by the full grain id text, "type/key".
    private string Sql => $"""
        SELECT k FROM (
          SELECT grain_key_ext AS k FROM pos_grain_state
           WHERE service_id = @s AND state_name = @n AND payload IS NOT NULL AND grain_key_ext IS NOT NULL
          UNION
          SELECT substr(grain_id, {(postgres ? "strpos" : "instr")}(grain_id, '/') + 1) AS k FROM pos_grain_state_gc
           WHERE service_id = @s AND state_name = @n AND payload IS NOT NULL
        ) AS t WHERE k > @a ORDER BY k LIMIT @l
        """;

    public async Task<IReadOnlyList<string>> ListAsync(string stateName, string after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        Add(command, "s", serviceId());
        Add(command, "n", stateName);
        Add(command, "a", after);
        Add(command, "l", limit);
        var keys = new List<string>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A data source for a PostgreSQL connection string.</summary>
    public static DbDataSource Postgres(string connectionString) => NpgsqlDataSource.Create(connectionString);
}
