using ChainPos.Api.V1;
using ChainPos.Domain;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace ChainPos.StoreAgent.Offline;

/// <summary>The catalogue copy, the store's settings (tax, promotions, employees) and the delta-sync cursor.</summary>
internal sealed class CatalogCache(AgentDatabase db)
{
    private const string CursorKey = "catalog.cursor";
    private const string VersionKey = "catalog.version";
    private const string StoreKey = "store.config";
    private const int MaxResults = 30;

    public string Cursor => db.Read(c => KeyValues.Get(c, CursorKey)) ?? "";

    public long Version => long.TryParse(db.Read(c => KeyValues.Get(c, VersionKey)), out var v) ? v : 0;

    public int Count => db.Read(c =>
    {
        using var command = AgentDatabase.Command(c, "SELECT count(*) FROM products");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>The store settings last synced, or null before the first sync.</summary>
    public StoreConfig? Store => db.Read(c => KeyValues.Get(c, StoreKey)) is { } json ? StoreConfig.Parser.ParseJson(json) : null;

    public Task SaveStoreAsync(StoreConfig store) =>
        db.WriteAsync((c, t) => KeyValues.Set(c, t, StoreKey, JsonFormatter.Default.Format(store)));

    /// <summary>Applies one page of a delta sync and moves the cursor, in one transaction.</summary>
    public Task ApplyPageAsync(IReadOnlyList<Product> products, string nextCursor, long version) => db.WriteAsync((c, t) =>
    {
        foreach (var p in products)
        {
            using (var upsert = AgentDatabase.Command(c, """
                INSERT INTO products(sku, name, price, currency, tax_class, category, active, barcodes, sold_by_weight)
                VALUES(@sku, @name, @price, @currency, @tax, @category, @active, @barcodes, @weighed)
                ON CONFLICT(sku) DO UPDATE SET name = excluded.name, price = excluded.price, currency = excluded.currency,
                  tax_class = excluded.tax_class, category = excluded.category, active = excluded.active, barcodes = excluded.barcodes,
                  sold_by_weight = excluded.sold_by_weight
                """, t, ("@sku", p.Sku), ("@name", p.Name), ("@price", p.Price), ("@currency", p.Currency), ("@tax", p.TaxClass),
                ("@category", p.Category), ("@active", p.Active ? 1 : 0), ("@barcodes", string.Join(' ', p.Barcodes)),
                ("@weighed", p.UnitOfMeasure == UnitOfMeasure.Kilogram ? 1 : 0)))
            {
                upsert.ExecuteNonQuery();
            }

            using (var clear = AgentDatabase.Command(c, "DELETE FROM barcodes WHERE sku = @sku", t, ("@sku", p.Sku)))
            {
                clear.ExecuteNonQuery();
            }

            foreach (var code in p.Barcodes)
            {
                using var barcode = AgentDatabase.Command(c, "INSERT OR REPLACE INTO barcodes(code, sku) VALUES(@code, @sku)", t, ("@code", code), ("@sku", p.Sku));
                barcode.ExecuteNonQuery();
            }
        }

        KeyValues.Set(c, t, CursorKey, nextCursor);
        KeyValues.Set(c, t, VersionKey, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    public CachedProduct? Find(string sku) => db.Read(c =>
    {
        using var command = AgentDatabase.Command(c, "SELECT * FROM products WHERE sku = @sku", null, ("@sku", sku));
        return ReadAll(command).FirstOrDefault();
    });

    /// <summary>A scanned code: a barcode of the catalogue, or a SKU typed in.</summary>
    public CachedProduct? FindByCode(string code) => db.Read(c =>
    {
        using var command = AgentDatabase.Command(c,
            "SELECT p.* FROM products p WHERE p.sku = (SELECT sku FROM barcodes WHERE code = @code) OR p.sku = @code LIMIT 1", null, ("@code", code.Trim()));
        return ReadAll(command).FirstOrDefault();
    });

    /// <summary>The scale label layout of the store's settings as last synced (every label a price label before the first sync).</summary>
    public ScaleLabelLayout Labels => Store is { WeightLabelPrefixes.Count: > 0 } store ? new ScaleLabelLayout(store.WeightLabelPrefixes) : ScaleLabelLayout.PriceOnly;

    /// <summary>The product whose price-embedded barcode (listed with any price) has the item code (its first 7 digits) of a scale label.</summary>
    public CachedProduct? FindByItemCode(string itemCode) => db.Read(c =>
    {
        using var command = AgentDatabase.Command(c,
            "SELECT p.* FROM products p JOIN barcodes b ON b.sku = p.sku WHERE length(b.code) = 13 AND substr(b.code, 1, 7) = @item ORDER BY p.active DESC LIMIT 1",
            null, ("@item", itemCode));
        return ReadAll(command).FirstOrDefault();
    });

    public IReadOnlyList<CachedProduct> Search(string query) => db.Read(c =>
    {
        using var command = AgentDatabase.Command(c,
            "SELECT * FROM products WHERE active = 1 AND (sku LIKE @q ESCAPE '\\' OR name LIKE @q ESCAPE '\\') ORDER BY name LIMIT " + MaxResults,
            null, ("@q", "%" + query.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"));
        return ReadAll(command);
    });

    private static List<CachedProduct> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<CachedProduct>();
        while (reader.Read())
        {
            list.Add(new CachedProduct(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt64(6) != 0, reader.GetString(7).Split(' ', StringSplitOptions.RemoveEmptyEntries), reader.GetInt64(8) != 0));
        }

        return list;
    }
}
