using Npgsql;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>Reads the baseline's stock, balances and receipt counters for the invariant checks.</summary>
internal static class BaselineReads
{
    public static async Task<Snapshot> ReadAsync(NpgsqlDataSource db, ChainDayPlan plan, IEnumerable<StockKey> stock, IEnumerable<(string Store, string Register)> registers)
    {
        var wanted = stock.ToHashSet();
        var locations = wanted.Select(k => k.Location).Distinct().ToArray();
        var levels = new Dictionary<StockKey, StockReading>();
        await foreach (var row in Rows(db, "SELECT location_id, sku, on_hand, reserved, safety_stock FROM chainday.stock WHERE location_id = ANY($1)", locations))
        {
            var key = new StockKey(row.GetString(0), row.GetString(1));
            if (wanted.Contains(key))
            {
                levels[key] = new StockReading(row.GetInt64(2), row.GetInt64(3), row.GetInt64(4));
            }
        }

        var codes = plan.AllGiftCards.ToDictionary(BaselineSchema.CodeHash, c => c, StringComparer.Ordinal);
        var gifts = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in Rows(db, "SELECT code_hash, balance FROM chainday.gift_card WHERE code_hash = ANY($1)", codes.Keys.ToArray()))
        {
            gifts[codes[row.GetString(0)]] = row.GetInt64(1);
        }

        var points = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in Rows(db, "SELECT customer_id, points FROM chainday.loyalty WHERE customer_id = ANY($1)", plan.AllCustomers.ToArray()))
        {
            points[row.GetString(0)] = row.GetInt64(1);
        }

        var wantedRegisters = registers.Select(r => Ledger.RegisterKey(r.Store, r.Register)).ToHashSet(StringComparer.Ordinal);
        var counters = new Dictionary<string, RegisterReading>(StringComparer.Ordinal);
        await foreach (var row in Rows(db, "SELECT store_id, register_id, last_seq FROM chainday.register WHERE store_id = ANY($1)", locations.Length > 0 ? locations : plan.AllStores.ToArray()))
        {
            var key = Ledger.RegisterKey(row.GetString(0), row.GetString(1));
            if (wantedRegisters.Contains(key))
            {
                counters[key] = new RegisterReading(row.GetInt64(2));
            }
        }

        return new Snapshot(levels, gifts, points, counters);
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> Rows(NpgsqlDataSource db, string sql, object parameter)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = parameter } } };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return reader;
        }
    }
}
