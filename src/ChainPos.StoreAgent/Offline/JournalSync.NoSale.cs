using ChainPos.Api.V1;
using Google.Protobuf;
using Grpc.Core;

namespace ChainPos.StoreAgent.Offline;

/// <summary>No-sale drawer openings made offline, sent in their place in the offline order; the platform counts each id once.</summary>
internal sealed partial class JournalSync
{
    private async Task<bool> SendNoSaleAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var request = SubmitOfflineNoSaleRequest.Parser.ParseJson(entry.OfflineRequest);
        request.RegisterSequence = entry.OfflineSeq!.Value;
        try
        {
            var answer = await platform.Sync.SubmitOfflineNoSaleAsync(request, platform.Call(cancellationToken));
            link.Up();
            await journal.MarkSyncedAsync(entry.SaleId, JsonFormatter.Default.Format(answer), false, time.GetUtcNow());
            LogNoSaleSynced(request.OperationId, request.RegisterSequence, answer.Replayed);
            return true;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.AlreadyExists)
        {
            link.Up();
            await journal.RejectAsync(entry.SaleId, $"{e.StatusCode}: {e.Status.Detail}");
            LogRejected(entry.SaleId, e.StatusCode, e.Status.Detail);
            return true;
        }
        catch (RpcException e)
        {
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            await journal.NoteErrorAsync(entry.SaleId, $"{e.StatusCode}: {e.Status.Detail}");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offline no-sale {NoSaleId} (#{Sequence}) synced (replayed: {Replayed})")]
    private partial void LogNoSaleSynced(string noSaleId, long sequence, bool replayed);
}
