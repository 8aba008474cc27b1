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

    private EffectQueue(LedgerMap<PendingEffect> stored)
    {
        _stored = stored;
        _ordered = [.. stored.Values.OrderBy(e => e.Sequence)];
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
    }

    /// <summary>The first <paramref name="count"/> effects (a copy).</summary>
    public List<PendingEffect> Head(int count) => _ordered.GetRange(0, count);

    public void RemoveHead(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _stored.Remove(Key(_ordered[i].Sequence));
        }

        _ordered.RemoveRange(0, count);
    }

    public PendingEffect? Find(string transactionId) => _ordered.Find(e => e.TransactionId == transactionId);

    public bool Contains(string transactionId) => Find(transactionId) is not null;

    public HashSet<string> TransactionIds() => _ordered.Select(e => e.TransactionId).ToHashSet(StringComparer.Ordinal);

    private static string Key(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
