using ChainPos.Api.V1;
using ChainPos.StoreAgent.Hosting;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Offline;

/// <summary>
/// Sends the queued sales (and shifts opened, no-sales and cash returns made offline) to the platform strictly in offline order, each with its id, and marks each
/// one synced only when the platform has acknowledged it. A resend after a crash or a lost answer is
/// safe: the platform applies a sale id once and answers a repeat with the first receipt.
/// </summary>
internal sealed partial class JournalSync(
    SaleJournal journal, CatalogCache catalog, PlatformClient platform, LinkState link, IOptions<AgentOptions> options,
    TimeProvider time, ILogger<JournalSync> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AgentOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recovered = await journal.RecoverInFlightAsync();
        if (recovered > 0)
        {
            LogRecovered(recovered);
        }

        using var timer = new PeriodicTimer(_options.SyncInterval, time);
        do
        {
            try
            {
                await SyncOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSyncFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends every queued sale it can, in order; with nothing to send, probes the link (always while down, every 5 intervals while up). Returns how many were acknowledged.</summary>
    public async Task<int> SyncOnceAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var sent = 0;
            while (journal.NextPending() is { } entry)
            {
                if (!await SendAsync(entry, cancellationToken))
                {
                    return sent;
                }

                sent++;
            }

            if (sent == 0 && (!link.Online || link.LastContact is not { } last || time.GetUtcNow() - last > _options.SyncInterval * 5))
            {
                await ProbeAsync(cancellationToken);
            }

            return sent;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>False when the link is down (stop for now); true when the entry was acknowledged or set aside.</summary>
    private async Task<bool> SendAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Kind == JournalKind.ShiftOpen)
        {
            return await SendShiftOpenAsync(entry, cancellationToken);
        }

        if (entry.Kind == JournalKind.NoSale)
        {
            return await SendNoSaleAsync(entry, cancellationToken);
        }

        if (entry.Kind == JournalKind.Return)
        {
            return await SendReturnAsync(entry, cancellationToken);
        }

        var request = SubmitOfflineSaleRequest.Parser.ParseJson(entry.OfflineRequest);
        request.RegisterSequence = entry.OfflineSeq!.Value;
        try
        {
            var answer = await platform.Sync.SubmitOfflineSaleAsync(request, platform.Call(cancellationToken));
            link.Up();
            await journal.MarkSyncedAsync(entry.SaleId, JsonFormatter.Default.Format(answer.Receipt), answer.LateForClosedShift, time.GetUtcNow());
            LogSynced(entry.SaleId, request.RegisterSequence, answer.Receipt.ReceiptNumber, answer.Receipt.Replayed);
            return true;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.AlreadyExists)
        {
            // The platform will never take this sale as it is; keep it for head office and let the rest through.
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

    /// <summary>A shift opened offline, in its place in the offline order (before the sales rung up in it); once by shift id.</summary>
    private Task<bool> SendShiftOpenAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var request = SubmitOfflineShiftOpenRequest.Parser.ParseJson(entry.OfflineRequest);
        request.RegisterSequence = entry.OfflineSeq!.Value;
        return SendInOrderAsync(entry, () => platform.Sync.SubmitOfflineShiftOpenAsync(request, platform.Call(cancellationToken)).ResponseAsync,
            answer => LogShiftSynced(request.ShiftId, request.RegisterSequence, answer.Replayed));
    }

    /// <summary>
    /// Sends one non-sale entry of the offline order: synced on an answer, set aside as rejected when the platform refuses
    /// it for good (so the entries after it can go), kept queued with the error when the link fails.
    /// </summary>
    private async Task<bool> SendInOrderAsync<TAnswer>(JournalEntry entry, Func<Task<TAnswer>> submit, Action<TAnswer> synced, Func<TAnswer, bool>? late = null)
        where TAnswer : IMessage
    {
        try
        {
            var answer = await submit();
            link.Up();
            await journal.MarkSyncedAsync(entry.SaleId, JsonFormatter.Default.Format(answer), late?.Invoke(answer) ?? false, time.GetUtcNow());
            synced(answer);
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

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var store = await platform.Stores.GetStoreAsync(new GetStoreRequest { StoreId = _options.StoreId }, platform.Call(cancellationToken));
            var wasDown = !link.Online;
            link.Up();
            await catalog.SaveStoreAsync(store);
            if (wasDown)
            {
                LogLinkUp();
            }
        }
        catch (RpcException e)
        {
            if (link.Online)
            {
                LogLinkDown(e.StatusCode, e.Status.Detail);
            }

            link.Down($"{e.StatusCode}: {e.Status.Detail}");
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} sales that were in flight when the agent stopped")]
    private partial void LogRecovered(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offline sale {SaleId} (#{Sequence}) synced as {ReceiptNumber} (replayed: {Replayed})")]
    private partial void LogSynced(string saleId, long sequence, string receiptNumber, bool replayed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offline shift {ShiftId} (#{Sequence}) synced (replayed: {Replayed})")]
    private partial void LogShiftSynced(string shiftId, long sequence, bool replayed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offline sale {SaleId} rejected by the platform ({Code}): {Detail}")]
    private partial void LogRejected(string saleId, StatusCode code, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform unreachable ({Code}: {Detail}); selling offline")]
    private partial void LogLinkDown(StatusCode code, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform reachable again")]
    private partial void LogLinkUp();

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal sync failed")]
    private partial void LogSyncFailed(Exception e);
}
