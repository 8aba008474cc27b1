namespace ChainPos.Connector.Outbound;

/// <summary>The stock feed's resume point: per SKU, the sequence of the newest change delivered to the shop.</summary>
public sealed class CursorStore(ConnectorDatabase database)
{
    /// <summary>Every SKU's newest delivered sequence.</summary>
    public async Task<IReadOnlyDictionary<string, long>> LoadAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sku, sequence FROM stock_cursor";
        var cursors = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            cursors[reader.GetString(0)] = reader.GetInt64(1);
        }

        return cursors;
    }

    /// <summary>Records that the change <paramref name="sequence"/> of <paramref name="sku"/> was delivered (never moves back).</summary>
    public async Task SaveAsync(string sku, long sequence)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO stock_cursor (sku, sequence) VALUES ($sku, $seq)
            ON CONFLICT(sku) DO UPDATE SET sequence = excluded.sequence WHERE excluded.sequence > stock_cursor.sequence
            """;
        command.Parameters.AddWithValue("$sku", sku);
        command.Parameters.AddWithValue("$seq", sequence);
        await command.ExecuteNonQueryAsync();
    }
}
