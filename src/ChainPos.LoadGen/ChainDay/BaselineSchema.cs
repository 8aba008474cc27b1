using Npgsql;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>The central-database baseline's tables (schema <c>chainday</c>) and its seeding, in SQL.</summary>
internal static class BaselineSchema
{
    public const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS chainday;
        CREATE TABLE IF NOT EXISTS chainday.product (sku text PRIMARY KEY, price bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS chainday.register (store_id text, register_id text, last_seq bigint NOT NULL DEFAULT 0, PRIMARY KEY (store_id, register_id));
        CREATE TABLE IF NOT EXISTS chainday.stock (location_id text, sku text, on_hand bigint NOT NULL, reserved bigint NOT NULL DEFAULT 0,
            safety_stock bigint NOT NULL DEFAULT 0, PRIMARY KEY (location_id, sku));
        CREATE TABLE IF NOT EXISTS chainday.loyalty (customer_id text PRIMARY KEY, points bigint NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS chainday.gift_card (code_hash text PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0));
        CREATE TABLE IF NOT EXISTS chainday.sale (sale_id text PRIMARY KEY, store_id text NOT NULL, register_id text NOT NULL, seq bigint NOT NULL,
            total bigint NOT NULL, customer_id text, points bigint NOT NULL, gift_card_hash text, gift_card_amount bigint NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS chainday.sale_line (sale_id text, line_no int, sku text NOT NULL, qty int NOT NULL, net bigint NOT NULL, PRIMARY KEY (sale_id, line_no));
        CREATE TABLE IF NOT EXISTS chainday.sale_return (return_id text PRIMARY KEY, sale_id text NOT NULL, line_no int NOT NULL, store_id text NOT NULL,
            register_id text NOT NULL, seq bigint NOT NULL, refund bigint NOT NULL, points bigint NOT NULL, UNIQUE (sale_id, line_no));
        CREATE TABLE IF NOT EXISTS chainday.reservation (order_id text PRIMARY KEY, location_id text NOT NULL, status char(1) NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS chainday.reservation_line (order_id text, sku text, qty bigint NOT NULL, PRIMARY KEY (order_id, sku));
        """;

    /// <summary>Creates the tables and seeds the plan's rows (idempotent: existing rows are kept).</summary>
    public static async Task SeedAsync(NpgsqlDataSource db, ChainDayPlan plan)
    {
        await using var connection = await db.OpenConnectionAsync();
        await Exec(connection, Ddl);
        var bar = new SeedProgress("baseline rows", 5);
        await Exec(connection, "INSERT INTO chainday.product SELECT unnest($1::text[]), unnest($2::bigint[]) ON CONFLICT DO NOTHING",
            plan.AllSkus.ToArray(), Enumerable.Range(1, plan.Skus).Select(ChainDayPlan.Price).ToArray());
        bar.Advance();
        await Exec(connection, "INSERT INTO chainday.register SELECT s, r FROM unnest($1::text[]) s, unnest($2::text[]) r ON CONFLICT DO NOTHING",
            plan.AllStores.ToArray(), Enumerable.Range(1, plan.Registers).Select(ChainDayPlan.Register).ToArray());
        bar.Advance();
        await Exec(connection, "INSERT INTO chainday.stock (location_id, sku, on_hand) SELECT s, p, $3 FROM unnest($1::text[]) s, unnest($2::text[]) p ON CONFLICT DO NOTHING",
            plan.AllStores.ToArray(), plan.AllSkus.ToArray(), plan.InitialStock);
        bar.Advance();
        await Exec(connection, "INSERT INTO chainday.loyalty (customer_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", (object)plan.AllCustomers.ToArray());
        bar.Advance();
        await Exec(connection, "INSERT INTO chainday.gift_card SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING",
            plan.AllGiftCards.Select(CodeHash).ToArray(), ChainDayPlan.GiftCardBalance);
        bar.Advance();
    }

    /// <summary>Gift card codes are kept hashed, as ChainPos keeps them.</summary>
    public static string CodeHash(string code) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("chainpos-giftcard:" + code)));

    private static async Task Exec(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
