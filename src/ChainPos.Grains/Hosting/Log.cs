using Microsoft.Extensions.Logging;

namespace ChainPos.Grains.Hosting;

/// <summary>Every log line the grains write, source-generated (no boxing, no parsing at run time).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Register {Source}: effect {Sequence} of {Transaction} not delivered yet; will retry")]
    public static partial void EffectDeferred(this ILogger logger, Exception error, string source, long sequence, string transaction);

    [LoggerMessage(1002, LogLevel.Error, "Register {Source}: sale id {SaleId} collides with a sale of another register; its record was not stored")]
    public static partial void SaleIdCollision(this ILogger logger, string source, string saleId);

    [LoggerMessage(1003, LogLevel.Error, "Register {Source}: state write failed; the activation is reset to what is durable")]
    public static partial void RegisterWriteFailed(this ILogger logger, Exception error, string source);

    [LoggerMessage(1004, LogLevel.Warning, "Store {StoreId}: register {RegisterId} was not told of settings version {Version}; its copy is read again when it expires")]
    public static partial void SettingsNotAnnounced(this ILogger logger, Exception error, string storeId, string registerId, long version);

    [LoggerMessage(1005, LogLevel.Warning, "Register {Source}: delivering effects failed; the outbox reminder or the next sale tries again")]
    public static partial void DeliveryFailed(this ILogger logger, Exception error, string source);

    [LoggerMessage(1301, LogLevel.Warning, "A silo's product cache was not told of catalogue version {Version}; the change waits for its watch to lapse")]
    public static partial void CacheNotTold(this ILogger logger, Exception error, long version);

    [LoggerMessage(1302, LogLevel.Information, "Catalogue version {Version} waits {Remaining} before it is acknowledged: product caches it could not tell may still hold the old products")]
    public static partial void CatalogChangeWaitsForCaches(this ILogger logger, long version, TimeSpan remaining);

    [LoggerMessage(1303, LogLevel.Warning, "Product cache: renewing the catalogue watch failed; products are read from the catalogue shards until it succeeds")]
    public static partial void CacheWatchFailed(this ILogger logger, Exception error);

    [LoggerMessage(1101, LogLevel.Warning, "Stock of {Sku} at {Location} went negative ({OnHand}): sold before it was booked in")]
    public static partial void StockWentNegative(this ILogger logger, string sku, string location, long onHand);

    [LoggerMessage(1201, LogLevel.Warning,
        "Offline spend {SpendId} of register {StoreId}/{RegisterId} on {Account} was charged {Beyond} beyond its allowance {LeaseId} (expired, returned or exceeded); the balance is now {Balance}")]
    public static partial void AllowanceOverspent(this ILogger logger, string spendId, string storeId, string registerId, string account, long beyond, string leaseId, long balance);
}
