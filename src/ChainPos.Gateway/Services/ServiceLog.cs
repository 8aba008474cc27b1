using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Services;

/// <summary>Log lines of the gRPC services, source-generated. Gift card codes appear only masked.</summary>
internal static partial class ServiceLog
{
    [LoggerMessage(2101, LogLevel.Debug, "Sale {SaleId} on {StoreId}/{RegisterId}: receipt {ReceiptNumber}, total {Total} (replayed: {Replayed})")]
    public static partial void SaleCompleted(this ILogger logger, string saleId, string storeId, string registerId, string receiptNumber, long total, bool replayed);

    [LoggerMessage(2102, LogLevel.Information, "Gift card {MaskedCode} loaded with {Amount} {Currency} by {Caller} (operation {OperationId})")]
    public static partial void GiftCardIssued(this ILogger logger, string maskedCode, long amount, string currency, string caller, string operationId);

    [LoggerMessage(2103, LogLevel.Information, "Store {StoreId} configured by {Caller}: version {Version}")]
    public static partial void StoreConfigured(this ILogger logger, string storeId, string caller, long version);

    [LoggerMessage(2104, LogLevel.Information, "Catalogue {Operation} {OperationId} by {Caller}: {Count} products under version {Version}")]
    public static partial void ProductsWritten(this ILogger logger, string operation, string operationId, string caller, int count, long version);
}
