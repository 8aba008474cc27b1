namespace ChainPos.StoreAgent.Offline;

/// <summary>One entry of the journal: a sale, or a shift opened offline. <see cref="OfflineRequest"/> is the agent-priced sale as it would be synced (JSON).</summary>
internal sealed record JournalEntry(
    long LocalSeq,
    string SaleId,
    DateTimeOffset CreatedAt,
    string Status,
    long? OfflineSeq,
    long Total,
    long Change,
    string OfflineRequest,
    string? ServerReceipt,
    string? ReceiptText,
    string? Error,
    DateTimeOffset? SyncedAt,
    bool Late,
    string Kind = JournalKind.Sale);

/// <summary>What a journal entry is; all kinds share the register's offline order.</summary>
internal static class JournalKind
{
    /// <summary>A sale (<see cref="JournalEntry.OfflineRequest"/> is a SubmitOfflineSaleRequest).</summary>
    public const string Sale = "sale";

    /// <summary>A shift opened offline (<see cref="JournalEntry.OfflineRequest"/> is a SubmitOfflineShiftOpenRequest); its SaleId is "shift:" + the shift id.</summary>
    public const string ShiftOpen = "shift";

    /// <summary>A no-sale drawer opening (<see cref="JournalEntry.OfflineRequest"/> is a SubmitOfflineNoSaleRequest); its SaleId is "nosale:" + its id.</summary>
    public const string NoSale = "nosale";

    /// <summary>A cash return refunded offline (<see cref="JournalEntry.OfflineRequest"/> is a SubmitOfflineReturnRequest); its SaleId is "return:" + its id.</summary>
    public const string Return = "return";
}

/// <summary>Journal states. A sale is written (and fsynced) in <see cref="InFlight"/> or <see cref="Pending"/> before its receipt prints.</summary>
internal static class JournalStatus
{
    /// <summary>Being completed online right now; on restart it becomes pending (the platform dedupes by sale id).</summary>
    public const string InFlight = "inflight";

    /// <summary>Queued for SubmitOfflineSale, in offline_seq order.</summary>
    public const string Pending = "pending";

    /// <summary>The platform has it (online answer or sync acknowledgement).</summary>
    public const string Synced = "synced";

    /// <summary>Refused online before anything was charged (e.g. prices changed): not a sale.</summary>
    public const string Refused = "refused";

    /// <summary>Taken offline but refused at sync (bad data): kept for head office, out of the offline order.</summary>
    public const string Rejected = "rejected";
}
