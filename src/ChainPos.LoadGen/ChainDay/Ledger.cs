using System.Collections.Concurrent;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>A SKU at a location.</summary>
internal readonly record struct StockKey(string Location, string Sku);

/// <summary>
/// What the harness expects a run to have changed, from the answers it got: stock per SKU and location,
/// gift card and loyalty balances, receipt numbers per register. Thread-safe.
/// </summary>
internal sealed class Ledger
{
    public ConcurrentDictionary<StockKey, long> OnHand { get; } = new();

    public ConcurrentDictionary<StockKey, long> Reserved { get; } = new();

    public ConcurrentDictionary<string, long> GiftCards { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, long> Points { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ConcurrentBag<long>> Receipts { get; } = new(StringComparer.Ordinal);

    /// <summary>Reservation grants (units) per SKU and location, for the no-oversell check.</summary>
    public ConcurrentDictionary<StockKey, long> Granted { get; } = new();

    /// <summary>Calls that failed in a way that leaves their effect unknown (every retry failed).</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    private long _unknown;

    public void MarkUnknown() => Interlocked.Increment(ref _unknown);

    public void Stock(string location, string sku, long onHand, long reserved = 0)
    {
        var key = new StockKey(location, sku);
        OnHand.AddOrUpdate(key, onHand, (_, v) => v + onHand);
        Reserved.AddOrUpdate(key, reserved, (_, v) => v + reserved);
    }

    public void Grant(string location, string sku, long units)
    {
        Granted.AddOrUpdate(new StockKey(location, sku), units, (_, v) => v + units);
        Stock(location, sku, 0, units);
    }

    public void GiftCard(string code, long delta) => GiftCards.AddOrUpdate(code, delta, (_, v) => v + delta);

    public void Loyalty(string customer, long delta) => Points.AddOrUpdate(customer, delta, (_, v) => v + delta);

    public void Receipt(string register, long sequence) => Receipts.GetOrAdd(register, _ => []).Add(sequence);

    /// <summary>Registers are keyed "store/register".</summary>
    public static string RegisterKey(string store, string register) => store + "/" + register;
}

/// <summary>Stock at one location as read back.</summary>
internal readonly record struct StockReading(long OnHand, long Reserved, long SafetyStock);

/// <summary>A register's receipt counter as read back: the last sequence issued.</summary>
internal readonly record struct RegisterReading(long LastSequence);

/// <summary>What the harness read from a system, before or after a run.</summary>
internal sealed record Snapshot(
    IReadOnlyDictionary<StockKey, StockReading> Stock,
    IReadOnlyDictionary<string, long> GiftCards,
    IReadOnlyDictionary<string, long> Points,
    IReadOnlyDictionary<string, RegisterReading> Registers);
