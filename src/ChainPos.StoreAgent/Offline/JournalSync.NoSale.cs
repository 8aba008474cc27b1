using ChainPos.Api.V1;

namespace ChainPos.StoreAgent.Offline;

/// <summary>No-sale drawer openings made offline, sent in their place in the offline order; the platform counts each id once.</summary>
internal sealed partial class JournalSync
{
    private Task<bool> SendNoSaleAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var request = SubmitOfflineNoSaleRequest.Parser.ParseJson(entry.OfflineRequest);
        request.RegisterSequence = entry.OfflineSeq!.Value;
        return SendInOrderAsync(entry, () => platform.Sync.SubmitOfflineNoSaleAsync(request, platform.Call(cancellationToken)).ResponseAsync,
            answer => LogNoSaleSynced(request.OperationId, request.RegisterSequence, answer.Replayed));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offline no-sale {NoSaleId} (#{Sequence}) synced (replayed: {Replayed})")]
    private partial void LogNoSaleSynced(string noSaleId, long sequence, bool replayed);
}
