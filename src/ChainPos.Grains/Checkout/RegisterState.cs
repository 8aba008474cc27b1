using System.Text.Json.Serialization;
using ChainPos.Abstractions.Allowances;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Reports;
using ChainPos.Storage;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// Persisted state of a register (state name "register"). Kept small: it is written once per sale. With the
/// group-commit provider the pending effects and the remembered returns, voids and cash movements are entry rows of
/// their own (<see cref="ILedgerState"/>): each is written once when its transaction commits and deleted once
/// delivered or forgotten, instead of riding in every write of the row (under load a register holds dozens of
/// effects, which made its row 30-50 KB; a returns desk would hold hundreds of return receipts).
/// </summary>
[GenerateSerializer]
public sealed class RegisterState : ILedgerState
{
    [Id(0)]
    public long LastReceiptSequence { get; set; }

    [Id(1)]
    public ShiftData? Shift { get; set; }

    [Id(2)]
    public ShiftReportView? LastZReport { get; set; }

    /// <summary>
    /// Recently seen sale ids → their receipt sequence (a few: older ones are answered from their sale records).
    /// Rows written before <see cref="RecentOther"/> existed hold other transactions here too; the activation moves them.
    /// </summary>
    [Id(3)]
    public Dictionary<string, RecentEntry> Recent { get; set; } = [];

    /// <summary>Sales that occurred at or before this time may have been pruned from <see cref="Recent"/>: look them up in their sale record.</summary>
    [Id(4)]
    public DateTimeOffset SalesCutoff { get; set; } = DateTimeOffset.MinValue;

    /// <summary>
    /// Pending effects as rows written before the effects became a ledger (read only: the activation moves them into
    /// <see cref="Effects"/>, and the next write leaves this out).
    /// </summary>
    [Id(5)]
    [JsonPropertyName("Outbox")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<PendingEffect>? LegacyOutbox { get; set; }

    [Id(6)]
    public long LastEffectSequence { get; set; }

    [Id(7)]
    public bool ReminderArmed { get; set; }

    /// <summary>The register's last offline sale applied (its journal numbers them 1, 2, 3…): see <c>RegisterGrain.Offline.cs</c>.</summary>
    [Id(8)]
    public long LastOfflineSequence { get; set; }

    /// <summary>
    /// Effects of committed transactions not yet acknowledged by every receiver, by sequence (the register keeps them
    /// in commit order in memory: <see cref="EffectQueue"/>). An entry is never changed once added.
    /// </summary>
    [Id(9)]
    public LedgerMap<PendingEffect> Effects { get; set; } = new();

    /// <summary>
    /// Recently seen return, void and cash-movement ids → what they produced (a return its whole receipt). They have no
    /// record of their own to fall back on, so hundreds are kept: with the group-commit provider as entry rows (under
    /// "t:"), each written once, instead of riding in every write of the row.
    /// </summary>
    [Id(10)]
    public LedgerMap<RecentEntry> RecentOther { get; set; } = new();

    ILedgerMap ILedgerState.Ledger => Effects;

    IReadOnlyList<KeyValuePair<string, ILedgerMap>> ILedgerState.PrefixedLedgers => [new("t:", RecentOther)];

    /// <summary>
    /// Moves returns, voids and cash movements out of <see cref="Recent"/> of a row written before they had a map of
    /// their own (the next write stores them as entry rows). The activation calls it.
    /// </summary>
    internal void MoveOtherRecent()
    {
        foreach (var (id, entry) in Recent.Where(kv => kv.Value.Kind != RecentKind.Sale).ToList())
        {
            Recent.Remove(id);
            RecentOther[id] = entry;
        }
    }
}

[GenerateSerializer]
public enum RecentKind
{
    Sale = 1,
    Return = 2,
    Void = 3,
    CashMovement = 4,
}

/// <summary>What a transaction id produced. Sales keep only their sequence: the receipt lives in the outbox or the sale record.</summary>
[GenerateSerializer]
public sealed class RecentEntry
{
    [Id(0)]
    public RecentKind Kind { get; set; }

    [Id(1)]
    public long ReceiptSequence { get; set; }

    [Id(2)]
    public DateTimeOffset OccurredAt { get; set; }

    [Id(3)]
    public ReturnReceipt? Return { get; set; }

    [Id(4)]
    public VoidReceipt? Void { get; set; }

    [Id(5)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] // 0 for every sale: not worth 16 bytes per id in the row
    public long ExpectedCash { get; set; }
}

/// <summary>Running totals of the open shift.</summary>
[GenerateSerializer]
public sealed class ShiftData
{
    [Id(0)] public string ShiftId { get; set; } = "";
    [Id(1)] public string CashierId { get; set; } = "";
    [Id(2)] public string Currency { get; set; } = "";
    [Id(3)] public DateTimeOffset OpenedAt { get; set; }
    [Id(4)] public long OpeningFloat { get; set; }
    [Id(5)] public int SalesCount { get; set; }
    [Id(6)] public long SalesTotal { get; set; }
    [Id(7)] public int RefundsCount { get; set; }
    [Id(8)] public long RefundsTotal { get; set; }
    [Id(9)] public long DiscountsTotal { get; set; }
    [Id(10)] public long TaxTotal { get; set; }
    [Id(11)] public Dictionary<TenderType, TenderTotal> Tenders { get; set; } = [];
    [Id(12)] public long PaidIn { get; set; }
    [Id(13)] public long PaidOut { get; set; }
    [Id(14)] public int NoSaleCount { get; set; }
    /// <summary>Cash taken minus change given minus cash refunded.</summary>
    [Id(15)] public long CashNet { get; set; }
    [Id(16)] public long FirstReceiptSequence { get; set; }
    [Id(17)] public long LastReceiptSequence { get; set; }

    public long ExpectedCash => OpeningFloat + CashNet + PaidIn - PaidOut;
}

[GenerateSerializer]
public sealed class TenderTotal
{
    [Id(0)] public long Amount { get; set; }
    [Id(1)] public int Count { get; set; }
}

/// <summary>The effects of one committed transaction, applied in order by the outbox.</summary>
[GenerateSerializer]
public sealed class PendingEffect
{
    /// <summary>Strictly increasing per register; stock de-duplicates on it.</summary>
    [Id(0)] public long Sequence { get; set; }
    [Id(1)] public string TransactionId { get; set; } = "";
    [Id(2)] public SaleRecordData? SaleRecord { get; set; }
    [Id(3)] public List<StockDelta> Stock { get; set; } = [];
    [Id(4)] public List<GiftCardCapture> GiftCardCaptures { get; set; } = [];
    [Id(5)] public List<GiftCardLoad> GiftCardLoads { get; set; } = [];
    [Id(6)] public List<LoyaltyEffect> Loyalty { get; set; } = [];
    /// <summary>A return or void for the reports (null for sales and for refunds committed before reports took them).</summary>
    [Id(7)] public RefundReport? Refund { get; set; }
    /// <summary>Offline gift card and points tenders, charged against the register's allowances.</summary>
    [Id(8)] public List<AllowanceSpendEffect> AllowanceSpends { get; set; } = [];
}

[GenerateSerializer, Immutable]
public sealed record StockDelta(string LocationId, string Sku, long Quantity);

[GenerateSerializer, Immutable]
public sealed record GiftCardCapture(string CodeHash, string HoldId);

[GenerateSerializer, Immutable]
public sealed record GiftCardLoad(string CodeHash, string MaskedCode, string OperationId, long Amount, string Currency);

[GenerateSerializer, Immutable]
public sealed record LoyaltyEffect(string CustomerId, LoyaltyEntry Entry);

/// <summary>An offline spend for the grain of <see cref="GrainKey"/> (a gift card or a loyalty account).</summary>
[GenerateSerializer, Immutable]
public sealed record AllowanceSpendEffect(string GrainKey, bool GiftCard, AllowanceSpend Spend);
