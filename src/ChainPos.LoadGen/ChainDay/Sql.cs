using Npgsql;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>Small helpers for positional-parameter SQL.</summary>
internal static class Sql
{
    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
