namespace ChainPos.Connector;

/// <summary>The connector's log lines, source-generated.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(3001, LogLevel.Information, "Order event {EventId} ({EventType}, order {OrderId}) applied: {Outcome}")]
    public static partial void EventApplied(this ILogger logger, string eventId, string eventType, string orderId, string outcome);

    [LoggerMessage(3002, LogLevel.Error, "Order event {EventId} ({EventType}, order {OrderId}) PARKED: {Error}. See GET /inbox/parked; requeue with POST /inbox/events/{EventId}/retry")]
    public static partial void EventParked(this ILogger logger, string eventId, string eventType, string orderId, string error);

    [LoggerMessage(3003, LogLevel.Warning, "Order event {EventId} ({EventType}, order {OrderId}) attempt {Attempts} failed, retrying in {Delay}: {Error}")]
    public static partial void EventDeferred(this ILogger logger, string eventId, string eventType, string orderId, int attempts, TimeSpan delay, string error);

    [LoggerMessage(3004, LogLevel.Error, "The inbox could not be read or written; retrying")]
    public static partial void InboxFailed(this ILogger logger, Exception error);

    [LoggerMessage(3005, LogLevel.Information, "Inbox pruned: {Count} applied events older than {Retention} deleted")]
    public static partial void InboxPruned(this ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(3006, LogLevel.Warning, "Pruning the inbox failed; trying again at the next interval")]
    public static partial void InboxPruneFailed(this ILogger logger, Exception error);

    [LoggerMessage(3010, LogLevel.Warning, "Stock feed: the WatchStock stream failed, reconnecting in {Delay}")]
    public static partial void FeedStreamFailed(this ILogger logger, Exception error, TimeSpan delay);

    [LoggerMessage(3011, LogLevel.Warning, "Stock feed: pushing change {EventId} failed (attempt {Attempts}), retrying in {Delay}: {Error}")]
    public static partial void FeedPushFailed(this ILogger logger, string eventId, int attempts, TimeSpan delay, string error);

    [LoggerMessage(3012, LogLevel.Information, "Stock feed disabled: set Connector:StockWebhookUrl and Connector:StockSkus to push stock changes")]
    public static partial void FeedDisabled(this ILogger logger);
}
