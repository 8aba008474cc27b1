namespace ChainPos.Abstractions;

/// <summary>
/// Builds the string keys of every grain. Each kind has its own non-hex prefix: Orleans turns a
/// string key that parses as hex into an integer key (see the Orleans notes), and the prefix also
/// keeps two kinds that share an id (a store and a customer "0012") apart in storage.
/// Ids themselves never contain '/', so the separator is unambiguous.
/// </summary>
public static class GrainKeys
{
    /// <summary>The single catalogue coordinator.</summary>
    public const string Catalog = "catalog";

    /// <summary>Number of catalogue shards; a SKU lives in shard <see cref="CatalogShardOf"/>.</summary>
    public const int CatalogShardCount = 64;

    public static string Store(string storeId) => "store:" + storeId;

    public static string Register(string storeId, string registerId) => $"reg:{storeId}/{registerId}";

    public static string Stock(string locationId, string sku) => $"stk:{locationId}/{sku}";

    /// <summary>A slot of one SKU's older movement history at one location (a ring of slots per stock grain).</summary>
    public static string StockMovementPage(string locationId, string sku, int slot) => $"stkmv:{locationId}/{sku}/{slot}";

    public static string Loyalty(string customerId) => "cust:" + customerId;

    public static string GiftCard(string codeHash) => "gc:" + codeHash;

    public static string Sale(string saleId) => "sale:" + saleId;

    /// <summary>Receipt numbers per register in buckets of <see cref="ReceiptIndexBucketSize"/> sequences.</summary>
    public const int ReceiptIndexBucketSize = 64;

    /// <summary>The receipt index bucket holding a register's receipt <paramref name="sequence"/>.</summary>
    public static string ReceiptIndex(string storeId, string registerId, long sequence) =>
        $"rcpt:{storeId}/{registerId}/{(sequence / ReceiptIndexBucketSize).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string SuspendedSales(string storeId) => "parked:" + storeId;

    /// <summary>An online order's stock reservation.</summary>
    public static string Order(string orderId) => "order:" + orderId;

    /// <summary>The availability index of one SKU across every location.</summary>
    public static string Availability(string sku) => "avail:" + sku;

    /// <summary>A location's low-stock index: the SKUs at or below their reorder point.</summary>
    public static string LowStock(string locationId) => "lowstock:" + locationId;

    /// <summary>A location's quota index: the SKUs limited there (offline quota above 0).</summary>
    public static string QuotaIndex(string locationId) => "quotas:" + locationId;

    /// <summary>The change feed of one stock location across all its SKUs.</summary>
    public static string LocationStockFeed(string locationId) => "locfeed:" + locationId;

    /// <summary>A store's pick list: the online orders reserved for pickup there.</summary>
    public static string PickList(string storeId) => "pick:" + storeId;

    /// <summary>A diagnostics probe (in-memory state only).</summary>
    public static string Probe(string key) => "probe:" + key;

    public static string CatalogShard(int shard) => "catshard:" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The shard that holds a SKU: a stable FNV-1a hash, so every process agrees.</summary>
    public static int CatalogShardOf(string sku)
    {
        uint hash = 2166136261;
        foreach (var c in sku)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % CatalogShardCount);
    }
}
