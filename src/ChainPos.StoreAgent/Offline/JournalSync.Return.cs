using ChainPos.Api.V1;

namespace ChainPos.StoreAgent.Offline;

/// <summary>
/// Cash returns refunded offline, sent in their place in the offline order (after the sale they refer to); the platform applies
/// each return id once. One it refuses (the sale was returned at another register meanwhile) is set aside as rejected for the manager.
/// </summary>
internal sealed partial class JournalSync
{
    private Task<bool> SendReturnAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var request = SubmitOfflineReturnRequest.Parser.ParseJson(entry.OfflineRequest);
        request.RegisterSequence = entry.OfflineSeq!.Value;
        return SendInOrderAsync(entry, () => platform.Sync.SubmitOfflineReturnAsync(request, platform.Call(cancellationToken)).ResponseAsync,
            answer => LogReturnSynced(request.ReturnId, request.RegisterSequence, answer.Receipt.ReceiptNumber, answer.Receipt.Replayed),
            answer => answer.LateForClosedShift);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offline return {ReturnId} (#{Sequence}) synced as {ReceiptNumber} (replayed: {Replayed})")]
    private partial void LogReturnSynced(string returnId, long sequence, string receiptNumber, bool replayed);
}
