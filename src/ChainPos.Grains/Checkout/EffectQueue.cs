using System.Globalization;
using ChainPos.Storage;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// The register's pending effects in commit order. They are stored in a <see cref="LedgerMap{TValue}"/> keyed by
/// sequence (one entry row each with the group-commit provider), which has no order; this keeps the order in memory,
/// and every change goes through it so the two never disagree. Effects are appended at the tail and removed from the
/// head once delivered.
/// </summary>
internal sealed class EffectQueue
{
    private readonly LedgerMap<PendingEffect> _stored;
    private readonly List<PendingEffect> _ordered;

    // The oldest pending effect of each transaction id: every new sale asks whether its id is pending, and a register
    // whose receivers lag (a hot SKU in a flash sale, a receiver down) can hold thousands.
    private readonly Dictionary<string, PendingEffect> _byTransaction = new(StringComparer.Ordinal);

    // Ids that more than one pending effect carried (an id reused for another kind of transaction): rare, looked up by scanning.
    private readonly HashSet<string> _shared = new(StringComparer.Ordinal);

    private EffectQueue(LedgerMap<PendingEffect> stored)
    {
        _stored = stored;
        _ordered = [.. stored.Values.OrderBy(e => e.Sequence)];
        _ordered.ForEach(Index);
    }

    public int Count => _ordered.Count;

    public PendingEffect this[int index] => _ordered[index];

    /// <summary>
    /// The queue over <paramref name="state"/>'s effects, after moving any effects of a row written before they were
    /// a ledger into it (they are then written as entry rows by the next write).
    /// </summary>
    public static EffectQueue Load(RegisterState state)
    {
        if (state.LegacyOutbox is { } legacy)
        {
            foreach (var effect in legacy)
            {
                state.Effects[Key(effect.Sequence)] = effect;
            }

            state.LegacyOutbox = null;
        }

        return new EffectQueue(state.Effects);
    }

    public void Add(PendingEffect effect)
    {
        if (_ordered.Count > 0 && effect.Sequence <= _ordered[^1].Sequence)
        {
            throw new InvalidOperationException($"Effect {effect.Sequence} is not after the last pending one ({_ordered[^1].Sequence}).");
        }

        _stored.Add(Key(effect.Sequence), effect);
        _ordered.Add(effect);
        Index(effect);
    }

    /// <summary>The first <paramref name="count"/> effects (a copy).</summary>
    public List<PendingEffect> Head(int count) => _ordered.GetRange(0, count);

    public void RemoveHead(int count)
    {
        var removed = _ordered.GetRange(0, count);
        _ordered.RemoveRange(0, count);
        foreach (var effect in removed)
        {
            _stored.Remove(Key(effect.Sequence));
            var id = effect.TransactionId;
            if (!_byTransaction.TryGetValue(id, out var indexed) || !ReferenceEquals(indexed, effect))
            {
                continue;
            }

            if (_shared.Contains(id) && _ordered.Find(e => e.TransactionId == id) is { } next)
            {
                _byTransaction[id] = next;
            }
            else
            {
                _byTransaction.Remove(id);
                _shared.Remove(id);
            }
        }
    }

    /// <summary>The oldest pending effect of <paramref name="transactionId"/>, if any.</summary>
    public PendingEffect? Find(string transactionId) => _byTransaction.GetValueOrDefault(transactionId);

    public bool Contains(string transactionId) => _byTransaction.ContainsKey(transactionId);

    public HashSet<string> TransactionIds() => new(_byTransaction.Keys, StringComparer.Ordinal);

    private void Index(PendingEffect effect)
    {
        if (!_byTransaction.TryAdd(effect.TransactionId, effect))
        {
            _shared.Add(effect.TransactionId);
        }
    }

    private static string Key(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
